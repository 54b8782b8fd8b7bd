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
    // ExperimentSql::history rows (the experiment's columns, change and change_key).
    static Result<QList<ExperimentVersion>> versions(qsizetype rows, const Cell& cell);

    // ExperimentData from the rows of ExperimentSql::results for an experiment of armCount arms:
    // every arm and the holdout appear in arms (zeros when it has no members), and every day with
    // events has a row for every arm and the holdout with the figures cumulated up to that day;
    // the totals are the last day's cumulation.
    static ExperimentData data(int armCount, qsizetype rows, const Cell& cell);
};

} // namespace core
