#pragma once

#include <QByteArray>
#include <QString>

#include "common/result.h"

namespace core {

// Writes bytes to path so that readers see either the old file or the complete new one: the
// bytes go to a temporary file next to the target, which is flushed and renamed over it
// (QSaveFile). On failure the target is untouched, no temporary file is left behind, and the
// Error (kind Io) names the path and the operating system's reason.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace core
