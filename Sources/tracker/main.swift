import Foundation

import TrackerCLI

exit(TrackerCLI.main(CommandLine.arguments))
