#pragma once

#include "common/result.h"
#include "domain/catalogue.h"

#include <QDate>
#include <QSqlDatabase>

#include <functional>

namespace core {

struct DemoOptions
{
    quint64 seed = 20261125;
    QDate endDate = QDate::currentDate(); // last day of events
    int users = 50000;
    int days = 180;
    double meanEventsPerUserPerDay = 0.022; // about 250,000 events over 180 days
    bool runPipeline = true;                // false: leave the events in bronze (benchmarks)
};

// Builds the demo workspace deterministically from a seed: 3 advertisers, 15 segments,
// `users` people and `days` days of impression/click/conversion events (with a few
// duplicates and bad rows, as real feeds have) loaded into bronze, then run through the
// pipeline to silver, the audience tables and daily metrics; and who the people are
// (customer_identifiers, DemoIdentifiers: synthetic, example.com / example.org and fictional
// phone numbers only). Same options, same data.
class DemoGenerator
{
public:
    using Progress = std::function<void(int percent, const QString& step)>;

    // Writes a complete workspace at path (built beside it and renamed into place, so a
    // crash never leaves half a workspace). Fails if path exists unless overwrite is true.
    static Status createWorkspace(const QString& path, const DemoOptions& options, const Progress& progress = {},
                                  bool overwrite = false);

    // Fills an open, migrated, empty workspace.
    static Status fill(QSqlDatabase& db, const DemoOptions& options, std::shared_ptr<const Catalogue> catalogue,
                       const Progress& progress = {});
};

} // namespace core
