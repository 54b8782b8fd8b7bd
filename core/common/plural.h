#pragma once

#include <QString>

namespace core {

// A count with its noun, the plural spelled out and the number grouped as the user's locale
// does: countOf(1, "segment", "segments") = "1 segment", countOf(1345, …) = "1,345 segments".
// Never "segment(s)".
QString countOf(qint64 n, const QString& one, const QString& many);

} // namespace core
