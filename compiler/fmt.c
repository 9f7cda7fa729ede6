/* compiler: placeholder for hlrc fmt (being written). */
#include "compiler/tools.h"

#include <stdio.h>

int hlr_cmd_fmt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("hlrc: error: 'fmt' is not written yet\n", stderr);
	return 2;
}
