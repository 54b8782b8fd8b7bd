#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

#include "common/result.h"

namespace core {

// Writes bytes to path so that readers see either the old file or the complete new one: the
// bytes go to a temporary file next to the target, which is flushed and renamed over it
// (QSaveFile). On failure the target is untouched, no temporary file is left behind, and the
// Error (kind Io) names the path and the operating system's reason.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);

// The same for a file made of parts (a large export, never joined in memory). Before each part
// keepGoing(partsWritten) is asked whether to go on; when it says no, nothing is left behind,
// the target is untouched and the Error has kind Cancelled.
Status writeFileAtomically(const QString& path, const QList<QByteArray>& parts,
                           const std::function<bool(qsizetype partsWritten)>& keepGoing);

} // namespace core
