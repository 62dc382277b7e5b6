/*
 * The command line. Every command is one row of the table in cli.c and one file
 * cmd_<name>.c; a command's options are a table too (struct cli_opt), parsed by
 * cli_parse() before the command runs, so commands never walk argv themselves.
 */
#ifndef KITH_CLI_CLI_H
#define KITH_CLI_CLI_H

int cli_main(int argc, char **argv);

#endif
