import Glibc
import Klankbord

// The whole CLI lives in the library (Commands/); this only hands it the words and the environment.
exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), environment: Terminal.environment()))
