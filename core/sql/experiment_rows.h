#pragma once

#include <functional>

#include <QVariant>

#include "common/result.h"
#include "domain/experiment.h"
#include "domain/experiment_data.h"

namespace core {

// Builds experiments and their results data from result rows, for every backend: `cell` answers
// a row's value by column name (ExperimentSql's columns), a null QVariant for NULL.
class ExperimentRows
{
public:
    using Cell = std::function<QVariant(qsizetype row, const QString& name)>;

    static Result<Experiment> experiment(const std::function<QVariant(const QString& name)>& column);
    static Result<QList<Experiment>> experiments(qsizetype rows, const Cell& cell);
    // ExperimentSql::history rows (the experiment's columns and change).
    static Result<QList<ExperimentVersion>> versions(qsizetype rows, const Cell& cell);

    // ExperimentData from the rows of ExperimentSql::totals and ::daily for an experiment of
    // armCount arms: every arm and the holdout appear in arms (zeros when it has no members), and
    // every day with events has a row for every arm and the holdout, carrying the last cumulative
    // figures forward over days an arm had no events.
    static ExperimentData data(int armCount, qsizetype totalRows, const Cell& totals, qsizetype dailyRows,
                               const Cell& daily);
};

} // namespace core
