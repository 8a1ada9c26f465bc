import Glibc
import Klankbord

// The daemon lives in the library (Server/, Daemon/); this only hands it the words and the environment.
exit(DaemonCommand.run(Array(CommandLine.arguments.dropFirst()), environment: Terminal.environment()))
