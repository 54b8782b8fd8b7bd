#include "databricks/statement/statement_sequence.h"

#include <QPointer>
#include <QPromise>

namespace core {

namespace {

struct Sequence
{
    QPointer<StatementClient> client;
    QPointer<QObject> context;
    QList<StatementRequest> requests;
    QList<StatementResult> results;
    QPromise<Result<QList<StatementResult>>> promise;

    void finish(Result<QList<StatementResult>> result)
    {
        promise.addResult(std::move(result));
        promise.finish();
    }
};

void next(const std::shared_ptr<Sequence>& seq)
{
    const qsizetype index = seq->results.size();
    if (index == seq->requests.size())
        return seq->finish(seq->results);
    if (!seq->client || !seq->context)
        return seq->finish(Error::internal(QStringLiteral("statement sequence outlived its client")));
    seq->client->execute(seq->requests.at(index)).then(seq->context.data(), [seq](Result<StatementResult> r) {
        if (!r)
            return seq->finish(r.error());
        seq->results.append(std::move(r).value());
        next(seq);
    });
}

} // namespace

QFuture<Result<QList<StatementResult>>>
StatementSequence::run(StatementClient* client, QList<StatementRequest> requests, QObject* context)
{
    auto seq = std::make_shared<Sequence>();
    seq->client = client;
    seq->context = context;
    seq->requests = std::move(requests);
    seq->promise.start();
    auto future = seq->promise.future();
    next(seq);
    return future;
}

} // namespace core
