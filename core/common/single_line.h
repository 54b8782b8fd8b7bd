#pragma once

#include <QString>

namespace core {

// A message that quotes values from outside (a file, a response) kept on one line: control
// characters and line separators written as escapes (\n, \t, \u0001). Parsers apply it to the
// errors they return.
QString singleLine(const QString& text);

} // namespace core
