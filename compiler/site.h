/* compiler: the site command (CLI). `hlrc site DIR -o OUTDIR` renders every
 * report of a series as HTML pages linked to each other, with an index
 * page, so a folder of reports becomes a small static site. */
#ifndef HLR_SITE_H
#define HLR_SITE_H

/* argv[0] is "site"; returns the exit status (0, 1 input error, 2 usage). */
int hlr_cmd_site(int argc, char **argv);

#endif
