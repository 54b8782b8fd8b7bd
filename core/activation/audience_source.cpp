#include "activation/audience_source.h"

#include "backends/audience_store.h"

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
        store.memberIdentifiers(segmentId).then(
            context, [segmentId, count, finish](const Result<QList<CustomerIdentifiers>>& people) {
                if (!people)
                    return finish(people.error());
                finish(AudienceSource{segmentId, count, people.value()});
            });
    });
    return future;
}

} // namespace core
