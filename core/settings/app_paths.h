#pragma once

#include <QString>

namespace core {

// Where the app keeps its files, per the platform's conventions (QStandardPaths):
// on Linux ~/.local/share/SegmentBuilder/segment-builder/.
class AppPaths
{
public:
    static void setApplicationIdentity(); // organisation and application names, once at start
    static QString dataDir();
    static QString defaultWorkspacePath(); // <dataDir>/workspace.sqlite
    static QString logDir();               // <dataDir>/logs
};

} // namespace core
