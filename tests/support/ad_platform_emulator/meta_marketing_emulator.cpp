#include "meta_marketing_emulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace adplatform {

namespace {

HttpResponse metaError(int status, int code, const QString& message, int subcode = 0, bool transient = false)
{
    QJsonObject error{{QStringLiteral("message"), message},
                      {QStringLiteral("type"), QStringLiteral("OAuthException")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("fbtrace_id"), QStringLiteral("A%1").arg(QRandomGenerator::global()->generate(), 0, 36)}};
    if (subcode)
        error.insert(QStringLiteral("error_subcode"), subcode);
    if (transient)
        error.insert(QStringLiteral("is_transient"), true);
    return HttpResponse::json(status, QJsonObject{{QStringLiteral("error"), error}});
}

HttpResponse invalidParameter(const QString& message)
{
    return metaError(400, 100, QStringLiteral("(#100) ") + message);
}

bool isSha256Hex(const QString& v)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(v).hasMatch();
}

// Parameters from the JSON body, else the form body, else the query (Graph takes all three).
QJsonObject parametersOf(const RecordedRequest& request)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (doc.isObject())
        return doc.object();
    QJsonObject out;
    const QUrlQuery form(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
    for (const auto& [k, v] : form.queryItems(QUrl::FullyDecoded))
        out.insert(k, v);
    for (const auto& [k, v] : request.query.queryItems(QUrl::FullyDecoded))
        if (!out.contains(k))
            out.insert(k, v);
    return out;
}

// A parameter given as a JSON object, or as a string of JSON (form posts).
QJsonValue jsonParameter(const QJsonObject& parameters, const QString& name)
{
    const QJsonValue v = parameters.value(name);
    if (v.isString()) {
        const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8());
        return doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    }
    return v;
}

const QStringList& knownKeys()
{
    static const QStringList keys{QStringLiteral("EMAIL"), QStringLiteral("PHONE"), QStringLiteral("FN"), QStringLiteral("LN"),
                                  QStringLiteral("CT"), QStringLiteral("ST"), QStringLiteral("ZIP"), QStringLiteral("COUNTRY"),
                                  QStringLiteral("DOBY"), QStringLiteral("DOBM"), QStringLiteral("DOBD"), QStringLiteral("GEN"),
                                  QStringLiteral("FI"), QStringLiteral("MADID"), QStringLiteral("EXTERN_ID")};
    return keys;
}

} // namespace

MetaMarketingEmulator::MetaMarketingEmulator(QObject* parent) : AdPlatformEmulator(parent) {}

MetaMarketingEmulator::~MetaMarketingEmulator() = default;

QUrl MetaMarketingEmulator::graphUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/v21.0"));
    return url;
}

QUrl MetaMarketingEmulator::tokenUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/v21.0/oauth/access_token"));
    return url;
}

void MetaMarketingEmulator::addApp(const QString& appId, const QString& appSecret)
{
    m_apps.insert(appId, appSecret);
}

void MetaMarketingEmulator::addAdAccount(const QString& accountId)
{
    m_accounts.insert(accountId);
}

QStringList MetaMarketingEmulator::audienceIds(const QString& accountId) const
{
    QStringList out;
    for (const Audience& a : m_audiences)
        if (a.accountId == accountId)
            out.append(a.id);
    return out;
}

QString MetaMarketingEmulator::audienceName(const QString& audienceId) const
{
    for (const Audience& a : m_audiences)
        if (a.id == audienceId)
            return a.name;
    return {};
}

QSet<QString> MetaMarketingEmulator::members(const QString& audienceId) const
{
    for (const Audience& a : m_audiences)
        if (a.id == audienceId)
            return a.members;
    return {};
}

QStringList MetaMarketingEmulator::standardSchema()
{
    return knownKeys().mid(0, 9);
}

QString MetaMarketingEmulator::memberKey(const QStringList& values)
{
    return memberKey(standardSchema(), values);
}

QString MetaMarketingEmulator::memberKey(const QStringList& schema, const QStringList& values)
{
    QStringList parts;
    for (int i = 0; i < schema.size() && i < values.size(); ++i)
        if (!values.at(i).isEmpty())
            parts.append(schema.at(i) + QLatin1Char('=') + values.at(i));
    parts.sort();
    return parts.join(QLatin1Char(';'));
}

bool MetaMarketingEmulator::isBatchRequest(const RecordedRequest& request) const
{
    return request.path.endsWith(QLatin1String("/users"));
}

HttpResponse MetaMarketingEmulator::faultResponse(const Fault& fault)
{
    switch (fault.kind) {
    case Fault::Kind::RateLimit: {
        HttpResponse r = metaError(400, 80003,
                                   QStringLiteral("There have been too many calls to this ad-account. Wait a bit and try again."),
                                   2446079);
        r.headers.append({QByteArrayLiteral("X-Business-Use-Case-Usage"),
                          QByteArrayLiteral("{\"0\":[{\"type\":\"custom_audience\",\"call_count\":100,\"total_cputime\":10,"
                                            "\"total_time\":10,\"estimated_time_to_regain_access\":1}]}")});
        return r;
    }
    case Fault::Kind::ExpiredToken:
        return metaError(400, 190, QStringLiteral("Error validating access token: Session has expired."), 463);
    case Fault::Kind::RejectBatch:
        return invalidParameter(QStringLiteral("Invalid parameter"));
    case Fault::Kind::ServerError:
        return metaError(503, 2, QStringLiteral("An unexpected error has occurred. Please retry your request later."), 0, true);
    case Fault::Kind::DropConnection:
        break;
    }
    return metaError(500, 1, QStringLiteral("An unknown error occurred"));
}

HttpResponse MetaMarketingEmulator::route(const RecordedRequest& request)
{
    static const QRegularExpression versioned(QStringLiteral("^/v\\d+\\.\\d+(/.*)$"));
    const auto v = versioned.match(request.path);
    if (!v.hasMatch())
        return invalidParameter(QStringLiteral("Unknown path components"));
    const QString path = v.captured(1);
    if (path == QLatin1String("/oauth/access_token"))
        return exchange(request);

    QString token = bearerToken(request);
    if (token.isEmpty())
        token = parametersOf(request).value(QStringLiteral("access_token")).toString();
    if (token.isEmpty())
        return metaError(400, 104, QStringLiteral("An access token is required to request this resource."));
    if (!tokenValid(token)) {
        countRefusedToken();
        return faultResponse(Fault{Fault::Kind::ExpiredToken});
    }
    static const QRegularExpression audiences(QStringLiteral("^/act_(\\d+)/customaudiences$"));
    if (const auto m = audiences.match(path); m.hasMatch())
        return customAudiences(request, m.captured(1));
    static const QRegularExpression usersPath(QStringLiteral("^/(\\d+)/users$"));
    if (const auto m = usersPath.match(path); m.hasMatch())
        return users(request, m.captured(1));
    return invalidParameter(QStringLiteral("Unsupported request"));
}

HttpResponse MetaMarketingEmulator::exchange(const RecordedRequest& request)
{
    const QJsonObject p = parametersOf(request);
    const QString appId = p.value(QStringLiteral("client_id")).toString();
    if (p.value(QStringLiteral("grant_type")).toString() != QLatin1String("fb_exchange_token"))
        return invalidParameter(QStringLiteral("grant_type must be fb_exchange_token"));
    if (!m_apps.contains(appId) || m_apps.value(appId) != p.value(QStringLiteral("client_secret")).toString())
        return metaError(400, 1, QStringLiteral("Error validating client secret."));
    if (!tokenKnown(p.value(QStringLiteral("fb_exchange_token")).toString()))
        return metaError(400, 190, QStringLiteral("Invalid OAuth access token - Cannot parse access token"));
    ++m_exchanges;
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("access_token"), issueToken(QStringLiteral("EAAG"))},
                                               {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                               {QStringLiteral("expires_in"), 5183944}});
}

HttpResponse MetaMarketingEmulator::customAudiences(const RecordedRequest& request, const QString& accountId)
{
    if (!m_accounts.contains(accountId))
        return metaError(400, 100,
                         QStringLiteral("Unsupported request. Object with ID 'act_%1' does not exist, cannot be loaded "
                                        "due to missing permissions, or does not support this operation.").arg(accountId),
                         33);
    if (request.method == QLatin1String("GET")) {
        const int limit = std::clamp(request.query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 500);
        const int offset = QByteArray::fromBase64(request.query.queryItemValue(QStringLiteral("after")).toLatin1()).toInt();
        QList<const Audience*> mine;
        for (const Audience& a : m_audiences)
            if (a.accountId == accountId)
                mine.append(&a);
        QJsonArray data;
        for (int i = offset; i < mine.size() && i < offset + limit; ++i)
            data.append(QJsonObject{{QStringLiteral("id"), mine.at(i)->id}, {QStringLiteral("name"), mine.at(i)->name}});
        QJsonObject paging{{QStringLiteral("cursors"),
                            QJsonObject{{QStringLiteral("before"), QString::fromLatin1(QByteArray::number(offset).toBase64())},
                                        {QStringLiteral("after"),
                                         QString::fromLatin1(QByteArray::number(offset + int(data.size())).toBase64())}}}};
        if (offset + limit < mine.size())
            paging.insert(QStringLiteral("next"), graphUrl().toString() + request.path.mid(6) + QStringLiteral("?after=") +
                                                      QString::fromLatin1(QByteArray::number(offset + limit).toBase64()));
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("paging"), paging}});
    }
    if (request.method != QLatin1String("POST"))
        return invalidParameter(QStringLiteral("Unsupported method"));
    const QJsonObject p = parametersOf(request);
    const QString name = p.value(QStringLiteral("name")).toString();
    if (name.trimmed().isEmpty())
        return invalidParameter(QStringLiteral("The parameter name is required"));
    if (p.value(QStringLiteral("subtype")).toString() != QLatin1String("CUSTOM"))
        return invalidParameter(QStringLiteral("Param subtype must be CUSTOM for a customer list"));
    const QString source = p.value(QStringLiteral("customer_file_source")).toString();
    if (source != QLatin1String("USER_PROVIDED_ONLY") && source != QLatin1String("PARTNER_PROVIDED_ONLY") &&
        source != QLatin1String("BOTH_USER_AND_PARTNER_PROVIDED"))
        return invalidParameter(QStringLiteral("Param customer_file_source must be one of {USER_PROVIDED_ONLY, "
                                               "PARTNER_PROVIDED_ONLY, BOTH_USER_AND_PARTNER_PROVIDED}"));
    Audience a;
    a.id = QStringLiteral("2384") + randomDigits(13);
    a.accountId = accountId;
    a.name = name;
    m_audiences.append(a);
    ++m_creations;
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("id"), a.id}});
}

HttpResponse MetaMarketingEmulator::users(const RecordedRequest& request, const QString& audienceId)
{
    Audience* audience = nullptr;
    for (Audience& a : m_audiences)
        if (a.id == audienceId)
            audience = &a;
    if (!audience)
        return metaError(400, 100,
                         QStringLiteral("Unsupported post request. Object with ID '%1' does not exist.").arg(audienceId), 33);
    const bool add = request.method == QLatin1String("POST");
    if (!add && request.method != QLatin1String("DELETE"))
        return invalidParameter(QStringLiteral("Unsupported method"));
    const QJsonObject p = parametersOf(request);
    const QJsonObject payload = jsonParameter(p, QStringLiteral("payload")).toObject();
    QStringList schema;
    for (const QJsonValue& k : payload.value(QStringLiteral("schema")).toArray())
        schema.append(k.toString());
    if (payload.value(QStringLiteral("schema")).isString())
        schema = {payload.value(QStringLiteral("schema")).toString()};
    if (schema.isEmpty() || std::any_of(schema.cbegin(), schema.cend(), [](const QString& k) { return !knownKeys().contains(k); }) ||
        QSet<QString>(schema.cbegin(), schema.cend()).size() != schema.size())
        return invalidParameter(QStringLiteral("Invalid schema"));
    const QJsonArray data = payload.value(QStringLiteral("data")).toArray();
    m_largestRequest = std::max(m_largestRequest, int(data.size()));
    if (data.isEmpty() || data.size() > 10000)
        return invalidParameter(QStringLiteral("The number of rows in a request must be between 1 and 10000"));
    for (const QJsonValue& row : data) {
        if (!row.isArray() || row.toArray().size() != schema.size())
            return invalidParameter(QStringLiteral("Data is missing or does not match schema"));
    }

    // The session.
    const QJsonValue sessionValue = jsonParameter(p, QStringLiteral("session"));
    qint64 sessionId = 0;
    if (sessionValue.isObject()) {
        const QJsonObject s = sessionValue.toObject();
        const QJsonValue id = s.value(QStringLiteral("session_id"));
        const QJsonValue seq = s.value(QStringLiteral("batch_seq"));
        const QJsonValue last = s.value(QStringLiteral("last_batch_flag"));
        const QJsonValue total = s.value(QStringLiteral("estimated_num_total"));
        sessionId = id.isString() ? id.toString().toLongLong() : qint64(id.toDouble());
        const int batchSeq = seq.isString() ? seq.toString().toInt() : seq.toInt();
        if (sessionId <= 0 || batchSeq < 1 || !last.isBool() || (!total.isUndefined() && !total.isDouble()))
            return invalidParameter(QStringLiteral("Invalid session: session_id, batch_seq, last_batch_flag"));
        Session* session = nullptr;
        for (Session& s2 : m_sessions)
            if (s2.id == sessionId)
                session = &s2;
        if (!session) {
            if (batchSeq != 1)
                return invalidParameter(QStringLiteral("A new session starts with batch_seq 1"));
            m_sessions.append(Session{sessionId, add ? QStringLiteral("add") : QStringLiteral("remove"), {}, {}, {}, false});
            session = &m_sessions.last();
        } else {
            const int lastSeq = session->batchSequences.last();
            const bool repeat = batchSeq == lastSeq;
            if (session->operation != (add ? QLatin1String("add") : QLatin1String("remove")))
                return invalidParameter(QStringLiteral("The session is of another operation"));
            if (session->closed && !repeat)
                return invalidParameter(QStringLiteral("The session has already ended"));
            if (!repeat && batchSeq != lastSeq + 1)
                return invalidParameter(QStringLiteral("batch_seq %1 does not follow %2").arg(batchSeq).arg(lastSeq));
        }
        session->batchSequences.append(batchSeq);
        session->batchRows.append(int(data.size()));
        session->estimatedTotals.append(total.toInt());
        if (last.toBool())
            session->closed = true;
    }

    int invalid = 0;
    QJsonObject samples;
    const auto sample = [&samples](const QString& value, const QString& reason) {
        if (samples.size() < 100)
            samples.insert(value, reason);
    };
    for (const QJsonValue& rowValue : data) {
        const QJsonArray row = rowValue.toArray();
        QStringList values;
        bool bad = false, any = false;
        for (int i = 0; i < row.size(); ++i) {
            const QString value = row.at(i).toString();
            values.append(value);
            if (value.isEmpty())
                continue;
            any = true;
            const bool clear = schema.at(i) == QLatin1String("MADID") || schema.at(i) == QLatin1String("EXTERN_ID");
            if (m_invalidValues.contains(value)) {
                bad = true;
                sample(value, QStringLiteral("The entry was rejected"));
            } else if (!clear && !isSha256Hex(value)) {
                bad = true;
                sample(value, QStringLiteral("Not a SHA-256 hash in lowercase hex"));
            }
        }
        if (!any) {
            bad = true;
            sample(QString(), QStringLiteral("An empty row"));
        }
        if (bad) {
            ++invalid;
            continue;
        }
        const QString key = memberKey(schema, values);
        if (add)
            audience->members.insert(key);
        else
            audience->members.remove(key);
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("audience_id"), audienceId},
                                               {QStringLiteral("session_id"), QString::number(sessionId)},
                                               {QStringLiteral("num_received"), int(data.size())},
                                               {QStringLiteral("num_invalid_entries"), invalid},
                                               {QStringLiteral("invalid_entry_samples"), samples}});
}

} // namespace adplatform
