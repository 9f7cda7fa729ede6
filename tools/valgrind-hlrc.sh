#!/bin/sh
# Runs hlrc under valgrind's memcheck: any invalid access or leak makes the
# run exit 99, which the test that ran it reports as a failure.
# Used by `make valgrind` as the HLRC of tests/run.sh.
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect "$(dirname "$0")/../${HLRC_BIN:-build/hlrc}" "$@"
