#pragma once

#include <QSqlDatabase>

#include "common/result.h"

namespace core {

// The claimed bronze rows normalised into the pipeline's staging table by code instead of SQL:
// the very values PipelineSql::stageClaimedRows() computes (the same trims, ASCII case, catalogue
// checks, age buckets, sb_utc_time and cost rules; NULL where a value cannot be normalised), one
// read of bronze and one prepared insert per row. SQLite evaluates each function of that SELECT
// anew for every mention of it; here each value is looked at once, which is most of the time of a
// full refresh saved. tests/integration/local_pipeline_test.cpp holds it against the SQL on rows
// of every kind. Runs in the refresh's transaction, the work database attached.
class SqliteNativeStaging
{
public:
    explicit SqliteNativeStaging(QSqlDatabase& db);

    // Creates the staging table and fills it; the number of rows staged.
    Result<qint64> stage(const QString& action);

private:
    QSqlDatabase& m_db;
};

} // namespace core
