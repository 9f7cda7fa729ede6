/* compiler: placeholder for hlrc diff (being written). */
#include "compiler/tools.h"

#include <stdio.h>

int hlr_cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("hlrc: error: 'diff' is not written yet\n", stderr);
	return 2;
}
