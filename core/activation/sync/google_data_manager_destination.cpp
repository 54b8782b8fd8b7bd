#include "activation/sync/google_data_manager_destination.h"

#include "activation/sync/destination_promise.h"
#include "activation/sync/google_api_errors.h"
#include "databricks/auth/auth_provider.h"
#include "databricks/http/api_client.h"
#include "databricks/http/api_errors.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QJsonDocument>
#include <QSet>

namespace core {

namespace {

auto log() { return logging::logger("core.activation"); }

// Positions of the Google columns in AudienceRow::values (audienceColumns(Google)).
struct GoogleColumns
{
    int email = -1, phone = -1, firstName = -1, lastName = -1, country = -1, zip = -1;

    static const GoogleColumns& get()
    {
        static const GoogleColumns columns = [] {
            const QStringList names = audienceColumns(AudiencePlatform::Google);
            GoogleColumns c;
            c.email = int(names.indexOf(QStringLiteral("Email")));
            c.phone = int(names.indexOf(QStringLiteral("Phone")));
            c.firstName = int(names.indexOf(QStringLiteral("First Name")));
            c.lastName = int(names.indexOf(QStringLiteral("Last Name")));
            c.country = int(names.indexOf(QStringLiteral("Country")));
            c.zip = int(names.indexOf(QStringLiteral("Zip")));
            return c;
        }();
        return columns;
    }
};

QString valueAt(const AudienceRow& row, int index)
{
    return index >= 0 && index < row.values.size() ? row.values.at(index) : QString();
}

Result<QJsonObject> jsonObject(const ApiResponse& response, const QString& what)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ApiErrors::malformed(what, QStringLiteral("Google answered with a body that is not a JSON object"));
    return doc.object();
}

} // namespace

struct GoogleListState
{
    SharedPromise<Result<QString>> promise;
    QString name;
    QSet<QString> seenTokens;
};

GoogleDataManagerDestination::GoogleDataManagerDestination(QNetworkAccessManager* network, AuthProvider* auth,
                                                           QUrl host, RetryPolicy policy, QString customerId,
                                                           QString loginCustomerId, QObject* parent)
    : QObject(parent), m_api(new ApiClient(network, auth, std::move(host), policy, this)),
      m_customerId(std::move(customerId)), m_loginCustomerId(std::move(loginCustomerId))
{
    if (auth)
        auth->setParent(this);
    m_api->setErrorDecoder(std::make_shared<GoogleApiErrors>());
}

GoogleDataManagerDestination::~GoogleDataManagerDestination() = default;

QString GoogleDataManagerDestination::accountPath() const
{
    return QStringLiteral("/v1/accountTypes/GOOGLE_ADS/accounts/%1").arg(m_customerId);
}

QJsonObject GoogleDataManagerDestination::audienceMember(const AudienceRow& row)
{
    const GoogleColumns& c = GoogleColumns::get();
    QJsonArray identifiers;
    if (const QString email = valueAt(row, c.email); !email.isEmpty())
        identifiers.append(QJsonObject{{QStringLiteral("emailAddress"), email}});
    if (const QString phone = valueAt(row, c.phone); !phone.isEmpty())
        identifiers.append(QJsonObject{{QStringLiteral("phoneNumber"), phone}});
    const QString given = valueAt(row, c.firstName), family = valueAt(row, c.lastName);
    const QString region = valueAt(row, c.country), postal = valueAt(row, c.zip);
    if (!given.isEmpty() && !family.isEmpty() && !region.isEmpty() && !postal.isEmpty())
        identifiers.append(QJsonObject{{QStringLiteral("address"),
                                        QJsonObject{{QStringLiteral("givenName"), given},
                                                    {QStringLiteral("familyName"), family},
                                                    {QStringLiteral("regionCode"), region},
                                                    {QStringLiteral("postalCode"), postal}}}});
    if (identifiers.isEmpty())
        return {};
    return QJsonObject{{QStringLiteral("userData"), QJsonObject{{QStringLiteral("userIdentifiers"), identifiers}}}};
}

bool GoogleDataManagerDestination::sendable(const AudienceRow& row)
{
    return audienceRowCanMatch(AudiencePlatform::Google, row.values);
}

void GoogleDataManagerDestination::cancelAll()
{
    m_api->cancelAll();
}

QFuture<Result<QString>> GoogleDataManagerDestination::ensureAudience(const QString& name)
{
    auto state = std::make_shared<GoogleListState>();
    state->name = name;
    auto future = state->promise.future();
    listPage(state, QString());
    return future;
}

void GoogleDataManagerDestination::listPage(std::shared_ptr<GoogleListState> state, const QString& pageToken)
{
    const QString what = QStringLiteral("list the Customer Match audiences");
    ApiRequest request = ApiRequest::get(accountPath() + QStringLiteral("/userLists"), what);
    request.query.addQueryItem(QStringLiteral("pageSize"), QStringLiteral("1000"));
    if (!pageToken.isEmpty())
        request.query.addQueryItem(QStringLiteral("pageToken"), pageToken);
    if (!m_loginCustomerId.isEmpty())
        request.headers.insert("login-account", QStringLiteral("accountTypes/GOOGLE_ADS/accounts/%1")
                                                    .arg(m_loginCustomerId).toUtf8());
    m_api->send(request).then(this, [this, state, what](Result<ApiResponse> response) {
        if (!response)
            return state->promise.finish(response.error());
        auto object = jsonObject(response.value(), what);
        if (!object)
            return state->promise.finish(object.error());
        for (const QJsonValue& v : object.value().value(QStringLiteral("userLists")).toArray()) {
            const QJsonObject list = v.toObject();
            if (list.value(QStringLiteral("displayName")).toString() != state->name)
                continue;
            QString id = list.value(QStringLiteral("id")).toString();
            if (id.isEmpty())
                id = list.value(QStringLiteral("name")).toString().section(QLatin1Char('/'), -1);
            if (!id.isEmpty()) {
                log()->info("Google Ads audience found: user list {}", id.toStdString());
                return state->promise.finish(id);
            }
        }
        const QString next = object.value().value(QStringLiteral("nextPageToken")).toString();
        if (next.isEmpty())
            return create(state);
        if (state->seenTokens.contains(next))
            return state->promise.finish(ApiErrors::malformed(what, QStringLiteral("nextPageToken repeats")));
        state->seenTokens.insert(next);
        listPage(state, next);
    });
}

void GoogleDataManagerDestination::create(std::shared_ptr<GoogleListState> state)
{
    const QString what = QStringLiteral("create the Customer Match audience");
    const QJsonObject body{
        {QStringLiteral("displayName"), state->name},
        {QStringLiteral("description"), QStringLiteral("Kept in step with a segment by Segment Builder")},
        {QStringLiteral("membershipDuration"), QStringLiteral("46656000s")},
        {QStringLiteral("ingestedUserListInfo"),
         QJsonObject{{QStringLiteral("uploadKeyTypes"), QJsonArray{QStringLiteral("CONTACT_ID")}}}},
    };
    ApiRequest request = ApiRequest::post(accountPath() + QStringLiteral("/userLists"), body, what, false);
    if (!m_loginCustomerId.isEmpty())
        request.headers.insert("login-account", QStringLiteral("accountTypes/GOOGLE_ADS/accounts/%1")
                                                    .arg(m_loginCustomerId).toUtf8());
    m_api->send(request).then(this, [state, what](Result<ApiResponse> response) {
        if (!response)
            return state->promise.finish(response.error());
        auto object = jsonObject(response.value(), what);
        if (!object)
            return state->promise.finish(object.error());
        QString id = object.value().value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            id = object.value().value(QStringLiteral("name")).toString().section(QLatin1Char('/'), -1);
        if (id.isEmpty())
            return state->promise.finish(ApiErrors::malformed(what, QStringLiteral("the new user list has no id")));
        log()->info("Google Ads audience created: user list {}", id.toStdString());
        state->promise.finish(id);
    });
}

QFuture<Result<AudienceBatchResult>> GoogleDataManagerDestination::addRows(const AudienceBatch& batch)
{
    return send(Operation::Ingest, batch);
}

QFuture<Result<AudienceBatchResult>> GoogleDataManagerDestination::removeRows(const AudienceBatch& batch)
{
    return send(Operation::Remove, batch);
}

struct GoogleSendState
{
    SharedPromise<Result<AudienceBatchResult>> promise;
    QList<QJsonObject> members; // per batch row; empty when the row cannot be sent
    QList<int> excluded;        // batch rows left out of the request
    QStringList problems;
    QJsonObject destination;
    QString path;
    QString what;
    bool ingest = true;
    bool resent = false;

    AudienceBatchResult result(int accepted) const
    {
        AudienceBatchResult r;
        r.accepted = accepted;
        r.rejected = int(excluded.size());
        r.rejectedRows = excluded;
        r.problems = problems;
        return r;
    }
};

QFuture<Result<AudienceBatchResult>> GoogleDataManagerDestination::send(Operation operation, const AudienceBatch& batch)
{
    auto state = std::make_shared<GoogleSendState>();
    auto future = state->promise.future();
    if (batch.rows.size() > kMaxMembersPerRequest) {
        state->promise.finish(Error::internal(QStringLiteral("a Google batch of %1 members (at most %2)")
                                                  .arg(batch.rows.size()).arg(kMaxMembersPerRequest)));
        return future;
    }
    for (int i = 0; i < batch.rows.size(); ++i) {
        state->members.append(audienceMember(batch.rows.at(i)));
        if (state->members.last().isEmpty())
            state->excluded.append(i);
    }
    state->ingest = operation == Operation::Ingest;
    state->what = state->ingest ? QStringLiteral("add members to the Customer Match audience")
                                : QStringLiteral("remove members from the Customer Match audience");
    state->destination = QJsonObject{
        {QStringLiteral("operatingAccount"),
         QJsonObject{{QStringLiteral("accountType"), QStringLiteral("GOOGLE_ADS")},
                     {QStringLiteral("accountId"), m_customerId}}},
        {QStringLiteral("productDestinationId"), batch.audienceId},
    };
    if (!m_loginCustomerId.isEmpty())
        state->destination.insert(QStringLiteral("loginAccount"),
                                  QJsonObject{{QStringLiteral("accountType"), QStringLiteral("GOOGLE_ADS")},
                                              {QStringLiteral("accountId"), m_loginCustomerId}});
    state->path = state->ingest ? QStringLiteral("/v1/audienceMembers:ingest")
                                : QStringLiteral("/v1/audienceMembers:remove");
    sendMembers(state);
    return future;
}

void GoogleDataManagerDestination::sendMembers(std::shared_ptr<GoogleSendState> state)
{
    QJsonArray members;
    QList<int> positions; // request index → batch row
    const QSet<int> excluded(state->excluded.cbegin(), state->excluded.cend());
    for (int i = 0; i < state->members.size(); ++i) {
        if (excluded.contains(i))
            continue;
        members.append(state->members.at(i));
        positions.append(i);
    }
    if (members.isEmpty())
        return state->promise.finish(state->result(0));
    QJsonObject body{
        {QStringLiteral("destinations"), QJsonArray{state->destination}},
        {QStringLiteral("audienceMembers"), members},
        {QStringLiteral("encoding"), QStringLiteral("HEX")},
    };
    if (state->ingest)
        body.insert(QStringLiteral("termsOfService"),
                    QJsonObject{{QStringLiteral("customerMatchTermsOfServiceStatus"), QStringLiteral("ACCEPTED")}});
    ApiRequest request = ApiRequest::post(state->path, body, state->what, true);
    request.returnedStatuses = {400};
    m_api->send(request).then(this, [this, state, positions](Result<ApiResponse> response) {
        if (!response)
            return state->promise.finish(response.error());
        const ApiResponse& r = response.value();
        if (r.httpStatus == 400) {
            const GoogleErrorBody error = GoogleErrorBody::parse(r.body);
            QList<int> rejected;
            for (int index : error.violatingMemberIndexes()) {
                if (index >= 0 && index < positions.size())
                    rejected.append(positions.at(index));
            }
            // Without members named (or a second refusal) the request as a whole was refused.
            if (state->resent || rejected.isEmpty())
                return state->promise.finish(m_api->errorDecoder().fromHttp(400, r.body, state->what));
            for (const auto& v : error.fieldViolations) {
                const QString reason = v.reason.isEmpty() ? v.description : v.reason;
                if (state->problems.size() < 5 && !state->problems.contains(reason))
                    state->problems.append(reason);
            }
            log()->warn("Google rejected {} of {} members ({}); sending the others again", rejected.size(),
                        positions.size(), state->problems.join(QStringLiteral(", ")).toStdString());
            state->excluded += rejected;
            std::sort(state->excluded.begin(), state->excluded.end());
            state->excluded.erase(std::unique(state->excluded.begin(), state->excluded.end()), state->excluded.end());
            state->resent = true;
            return sendMembers(state); // finishes at once when every member was named
        }
        auto object = jsonObject(r, state->what);
        AudienceBatchResult result = state->result(int(positions.size()));
        if (object)
            result.requestId = object.value().value(QStringLiteral("requestId")).toString();
        log()->info("Google: {}: {} members (request {})", state->what.toStdString(), positions.size(),
                    result.requestId.toStdString());
        state->promise.finish(result);
    });
}

} // namespace core
