#pragma once

#include "common/error.h"

namespace core {

// A Databricks write whose statement SUCCEEDED but changed `affected` rows where 1 was expected:
// a Remote error saying the change was not saved.
Error writeNotApplied(const QString& what, qint64 affected);

} // namespace core
