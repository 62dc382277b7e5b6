/*
 * The kith binary: everything is a command in the CLI table (src/cli/cli.c).
 */
#include "cli/cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
