/* compiler: the authoring commands (CLI): fmt (fmt.c), new (new.c) and
 * diff (diff.c). Each takes its argv with argv[0] the command's name and
 * returns the exit status: 0 success, 1 an error in an input (or, for
 * `fmt --check`, a file that is not formatted), 2 usage. */
#ifndef HLR_TOOLS_H
#define HLR_TOOLS_H

int hlr_cmd_fmt(int argc, char **argv);
int hlr_cmd_new(int argc, char **argv);
int hlr_cmd_diff(int argc, char **argv);

#endif
