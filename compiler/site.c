/* compiler: the site command (CLI, see site.h). */
#include "compiler/site.h"

#include <stdio.h>

int hlr_cmd_site(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("hlrc: error: 'site' is being written (issue 6)\nusage: hlrc site DIR -o OUTDIR\n", stderr);
	return 2;
}
