/* compiler: placeholder for hlrc new (being written). */
#include "compiler/tools.h"

#include <stdio.h>

int hlr_cmd_new(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("hlrc: error: 'new' is not written yet\n", stderr);
	return 2;
}
