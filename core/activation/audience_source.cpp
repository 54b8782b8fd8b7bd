#include "activation/audience_source.h"

#include "backends/audience_store.h"
#include "domain/experiment.h"
#include "domain/experiment_assignment.h"

#include <QObject>
#include <QPromise>

#include <memory>

namespace core {

QFuture<Result<AudienceSource>> readAudienceSource(AudienceStore& store, const QString& segmentId, QObject* context)
{
    auto promise = std::make_shared<QPromise<Result<AudienceSource>>>();
    promise->start();
    QFuture<Result<AudienceSource>> future = promise->future();
    auto finish = [promise](Result<AudienceSource> result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
    store.members(segmentId).then(context, [&store, segmentId, context, finish](const Result<QStringList>& members) {
        if (!members)
            return finish(members.error());
        const qint64 count = members.value().size();
        const QStringList memberIds = members.value();
        store.memberIdentifiers(segmentId).then(
            context, [segmentId, count, memberIds, finish](const Result<QList<CustomerIdentifiers>>& people) {
                if (!people)
                    return finish(people.error());
                finish(AudienceSource{segmentId, count, people.value(), memberIds, {}});
            });
    });
    return future;
}

Result<AudienceSource> audienceOfArm(const AudienceSource& segment, const Experiment& experiment, const QString& arm)
{
    if (experiment.segmentId != segment.segmentId)
        return Error::validation(QStringLiteral("experiment_on_another_segment"),
                                 QStringLiteral("The experiment “%1” splits another segment (%2), not %3.")
                                     .arg(experiment.name, experiment.segmentId, segment.segmentId));
    int wanted = -2;
    QStringList names;
    for (int i = 0; i < experiment.arms.size(); ++i) {
        names.append(experiment.arms.at(i).name);
        if (experiment.arms.at(i).name == arm)
            wanted = i;
    }
    if (arm == QLatin1String("holdout"))
        wanted = -1;
    if (wanted == -2)
        return Error::validation(QStringLiteral("unknown_arm"),
                                 QStringLiteral("The experiment “%1” has no arm “%2”; its arms are %3, and holdout.")
                                     .arg(experiment.name, arm, names.join(QStringLiteral(", "))));
    const ExperimentSplit split = experiment.split();
    AudienceSource out;
    out.segmentId = segment.segmentId;
    out.arm = arm;
    for (const QString& id : segment.memberIds)
        if (ExperimentAssignment::assign(split, id) == wanted)
            out.memberIds.append(id);
    out.members = out.memberIds.size();
    for (const CustomerIdentifiers& person : segment.people)
        if (ExperimentAssignment::assign(split, person.userId) == wanted)
            out.people.append(person);
    return out;
}

} // namespace core
