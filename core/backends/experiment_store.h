#pragma once

#include <QFuture>
#include <QList>
#include <QString>

#include "common/result.h"
#include "domain/experiment.h"
#include "domain/experiment_data.h"
#include "domain/write_origin.h"

namespace core {

// One user of a segment and the arm the experiment puts them in.
struct ExperimentAssignmentRow
{
    QString userId;
    int arm = 0; // 0 = control, 1.. = treatments, -1 = holdout
    bool operator==(const ExperimentAssignmentRow&) const = default;
};

// Which experiments to list: all of the workspace, or one advertiser's, or one segment's.
struct ExperimentQuery
{
    QString advertiserId; // empty: every advertiser
    QString segmentId;    // empty: every segment
};

// The experiments of a workspace (gold_experiments, with every version in
// gold_experiment_versions), implemented by every backend: SQLite and PostgreSQL share
// SessionExperimentStore, Databricks has DatabricksExperimentStore. Every call returns at once;
// the future finishes exactly once with the value or an Error:
//  - Validation: a field is wrong (ExperimentRules: weights not adding up to 100, a holdout of
//    100 %, duplicate arm names, bad key characters, an end before the start, ...), or the
//    segment is unknown or deleted (code experiment_segment_unknown);
//  - Conflict: the key is already used by another experiment of the workspace (code
//    experiment_key_taken, "already used"), or the version the change started from is stale
//    (version_conflict);
//  - NotFound: an unknown experiment id.
// A refused call stores nothing. Assignments and results use the same hash as
// ExperimentAssignment, computed in SQL in each dialect (ExperimentSql); the segment's members
// are the people its reach counts (active in the last 30 days with data, matching it now).
// The tests in tests/integration/store_contract_tests.h (ExperimentStoreContract) define the
// behaviour.
class ExperimentStore
{
public:
    virtual ~ExperimentStore() = default;

    // By creation time, newest first, then id.
    virtual QFuture<Result<QList<Experiment>>> list(const ExperimentQuery& query) = 0;
    virtual QFuture<Result<Experiment>> get(const QString& id) = 0;
    // Writes take who makes the change and its idempotency key (WriteOrigin): the version the
    // change makes keeps the key (ExperimentVersion::changeKey), so a change sent again after a lost
    // answer is recognised (OutboxReplayer); SQLite and PostgreSQL refuse a key used already
    // (Conflict change_applied_already), Databricks records it only for the write that won.
    // draft.version must be 0; an empty id gets a new UUID. Stores version 1.
    virtual QFuture<Result<Experiment>> create(const Experiment& draft, const WriteOrigin& origin) = 0;
    // edited.version is the version the edit started from.
    virtual QFuture<Result<Experiment>> update(const Experiment& edited, const WriteOrigin& origin) = 0;
    // Stops the experiment (ExperimentRules::prepareStop), guarded by the version the user saw.
    virtual QFuture<Result<Experiment>> stop(const QString& id, int baseVersion, const WriteOrigin& origin) = 0;
    // Every version, oldest first, each with the key of the change that made it.
    virtual QFuture<Result<QList<ExperimentVersion>>> history(const QString& id) = 0;

    // One row per current member of the experiment's segment, by user_id ascending.
    virtual QFuture<Result<QList<ExperimentAssignmentRow>>> assignments(const QString& id) = 0;
    // Per arm and holdout: members and their events over the experiment's days, and the same
    // cumulated per day (ExperimentData).
    virtual QFuture<Result<ExperimentData>> data(const QString& id) = 0;
};

} // namespace core
