#include "google_data_manager_emulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace adplatform {

namespace {

struct Violation
{
    QString field;
    QString description;
    QString reason;
};

HttpResponse googleError(int code, const QString& status, const QString& message, const QList<Violation>& violations = {},
                         const QString& reason = {})
{
    QJsonArray details;
    details.append(QJsonObject{{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.ErrorInfo")},
                               {QStringLiteral("reason"), reason.isEmpty() ? status : reason},
                               {QStringLiteral("domain"), QStringLiteral("datamanager.googleapis.com")}});
    if (!violations.isEmpty()) {
        QJsonArray list;
        for (const Violation& v : violations)
            list.append(QJsonObject{{QStringLiteral("field"), v.field},
                                    {QStringLiteral("description"), v.description},
                                    {QStringLiteral("reason"), v.reason}});
        details.append(QJsonObject{{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.BadRequest")},
                                   {QStringLiteral("fieldViolations"), list}});
    }
    return HttpResponse::json(code, QJsonObject{{QStringLiteral("error"),
                                                 QJsonObject{{QStringLiteral("code"), code},
                                                             {QStringLiteral("message"), message},
                                                             {QStringLiteral("status"), status},
                                                             {QStringLiteral("details"), details}}}});
}

HttpResponse oauthError(int status, const QString& error, const QString& description)
{
    return HttpResponse::json(status, QJsonObject{{QStringLiteral("error"), error},
                                                  {QStringLiteral("error_description"), description}});
}

bool isSha256Hex(const QString& v)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(v).hasMatch();
}

QString keyOf(const QString& email, const QString& phone, const QString& given, const QString& family,
              const QString& region, const QString& postal)
{
    QStringList parts;
    if (!email.isEmpty())
        parts << QStringLiteral("email=") + email;
    if (!phone.isEmpty())
        parts << QStringLiteral("phone=") + phone;
    if (!given.isEmpty() || !family.isEmpty() || !region.isEmpty() || !postal.isEmpty())
        parts << QStringLiteral("address=%1|%2|%3|%4").arg(given, family, region, postal);
    parts.sort();
    return parts.join(QLatin1Char(';'));
}

QUrlQuery formOf(const RecordedRequest& request)
{
    return QUrlQuery(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
}

} // namespace

GoogleDataManagerEmulator::GoogleDataManagerEmulator(QObject* parent) : AdPlatformEmulator(parent) {}

GoogleDataManagerEmulator::~GoogleDataManagerEmulator() = default;

QUrl GoogleDataManagerEmulator::tokenUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/token"));
    return url;
}

void GoogleDataManagerEmulator::addOAuthClient(const QString& clientId, const QString& clientSecret)
{
    m_clients.insert(clientId, clientSecret);
}

void GoogleDataManagerEmulator::addRefreshToken(const QString& refreshToken)
{
    m_refreshTokens.insert(refreshToken);
}

void GoogleDataManagerEmulator::revokeRefreshToken(const QString& refreshToken)
{
    m_refreshTokens.remove(refreshToken);
}

void GoogleDataManagerEmulator::addCustomer(const QString& customerId)
{
    m_customers.insert(customerId);
}

QStringList GoogleDataManagerEmulator::userListIds(const QString& customerId) const
{
    QStringList out;
    for (const UserList& l : m_lists)
        if (l.customerId == customerId)
            out.append(l.id);
    return out;
}

QString GoogleDataManagerEmulator::userListName(const QString& userListId) const
{
    for (const UserList& l : m_lists)
        if (l.id == userListId)
            return l.displayName;
    return {};
}

QSet<QString> GoogleDataManagerEmulator::members(const QString& userListId) const
{
    for (const UserList& l : m_lists)
        if (l.id == userListId)
            return l.members;
    return {};
}

QString GoogleDataManagerEmulator::memberKey(const QStringList& v)
{
    const auto at = [&v](int i) { return i < v.size() ? v.at(i) : QString(); };
    const bool address = !at(2).isEmpty() && !at(3).isEmpty() && !at(4).isEmpty() && !at(5).isEmpty();
    return keyOf(at(0), at(1), address ? at(2) : QString(), address ? at(3) : QString(), address ? at(4) : QString(),
                 address ? at(5) : QString());
}

bool GoogleDataManagerEmulator::isBatchRequest(const RecordedRequest& request) const
{
    return request.path.contains(QLatin1String("audienceMembers:"));
}

HttpResponse GoogleDataManagerEmulator::faultResponse(const Fault& fault)
{
    switch (fault.kind) {
    case Fault::Kind::RateLimit: {
        HttpResponse r = googleError(429, QStringLiteral("RESOURCE_EXHAUSTED"),
                                     QStringLiteral("Quota exceeded for quota metric 'Ingestion requests' and limit "
                                                    "'Ingestion requests per minute'."),
                                     {}, QStringLiteral("RATE_LIMIT_EXCEEDED"));
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds)});
        return r;
    }
    case Fault::Kind::ExpiredToken: {
        HttpResponse r = googleError(401, QStringLiteral("UNAUTHENTICATED"),
                                     QStringLiteral("Request had invalid authentication credentials. Expected OAuth 2 "
                                                    "access token, login cookie or other valid authentication "
                                                    "credential."),
                                     {}, QStringLiteral("ACCESS_TOKEN_EXPIRED"));
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                          QByteArrayLiteral("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")});
        return r;
    }
    case Fault::Kind::RejectBatch:
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("There was a problem with the request."));
    case Fault::Kind::ServerError:
        return googleError(503, QStringLiteral("UNAVAILABLE"), QStringLiteral("The service is currently unavailable."));
    case Fault::Kind::DropConnection:
        break;
    }
    return googleError(500, QStringLiteral("INTERNAL"), QStringLiteral("Internal error."));
}

HttpResponse GoogleDataManagerEmulator::route(const RecordedRequest& request)
{
    if (request.path == QLatin1String("/token")) {
        if (request.method != QLatin1String("POST"))
            return oauthError(405, QStringLiteral("invalid_request"), QStringLiteral("POST only"));
        return token(request);
    }
    if (!request.path.startsWith(QLatin1String("/v1/")))
        return googleError(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Method not found."));
    const QString bearer = bearerToken(request);
    if (bearer.isEmpty() || !tokenValid(bearer)) {
        if (!bearer.isEmpty())
            countRefusedToken();
        return faultResponse(Fault{Fault::Kind::ExpiredToken});
    }
    static const QRegularExpression lists(QStringLiteral("^/v1/accountTypes/GOOGLE_ADS/accounts/(\\d+)/userLists$"));
    if (const auto m = lists.match(request.path); m.hasMatch())
        return userLists(request, m.captured(1));
    if (request.method == QLatin1String("POST") && request.path == QLatin1String("/v1/audienceMembers:ingest"))
        return members(request, true);
    if (request.method == QLatin1String("POST") && request.path == QLatin1String("/v1/audienceMembers:remove"))
        return members(request, false);
    return googleError(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Method not found."));
}

HttpResponse GoogleDataManagerEmulator::token(const RecordedRequest& request)
{
    const QUrlQuery form = formOf(request);
    const QString grant = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
    const QString clientId = form.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    const QString secret = form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded);
    const QString refresh = form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded);
    if (grant != QLatin1String("refresh_token"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"), QStringLiteral("Invalid grant_type: ") + grant);
    if (!m_clients.contains(clientId) || m_clients.value(clientId) != secret)
        return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("The OAuth client was not found."));
    if (!m_refreshTokens.contains(refresh))
        return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("Token has been expired or revoked."));
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("access_token"), issueToken(QStringLiteral("ya29."))},
                                               {QStringLiteral("expires_in"), 3599},
                                               {QStringLiteral("scope"), QStringLiteral("https://www.googleapis.com/auth/datamanager")},
                                               {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
}

HttpResponse GoogleDataManagerEmulator::userLists(const RecordedRequest& request, const QString& customerId)
{
    if (!m_customers.contains(customerId))
        return googleError(403, QStringLiteral("PERMISSION_DENIED"), QStringLiteral("The caller does not have permission"));
    const auto listJson = [](const UserList& l) {
        return QJsonObject{
            {QStringLiteral("name"), QStringLiteral("accountTypes/GOOGLE_ADS/accounts/%1/userLists/%2").arg(l.customerId, l.id)},
            {QStringLiteral("id"), l.id},
            {QStringLiteral("displayName"), l.displayName},
            {QStringLiteral("description"), l.description},
            {QStringLiteral("membershipDuration"), l.membershipDuration},
            {QStringLiteral("membershipStatus"), QStringLiteral("OPEN")},
            {QStringLiteral("ingestedUserListInfo"),
             QJsonObject{{QStringLiteral("uploadKeyTypes"), QJsonArray{QStringLiteral("CONTACT_ID")}}}}};
    };
    if (request.method == QLatin1String("GET")) {
        const int pageSize = std::clamp(request.query.queryItemValue(QStringLiteral("pageSize")).toInt(), 1, 1000);
        const int offset = request.query.queryItemValue(QStringLiteral("pageToken")).toInt();
        QList<const UserList*> mine;
        for (const UserList& l : m_lists)
            if (l.customerId == customerId)
                mine.append(&l);
        QJsonArray page;
        for (int i = offset; i < mine.size() && i < offset + pageSize; ++i)
            page.append(listJson(*mine.at(i)));
        QJsonObject out{{QStringLiteral("userLists"), page}};
        if (offset + pageSize < mine.size())
            out.insert(QStringLiteral("nextPageToken"), QString::number(offset + pageSize));
        return HttpResponse::json(200, out);
    }
    if (request.method != QLatin1String("POST"))
        return googleError(405, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("Method not allowed."));
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("Invalid JSON payload received."));
    const QJsonObject o = doc.object();
    UserList list;
    list.customerId = customerId;
    list.displayName = o.value(QStringLiteral("displayName")).toString();
    list.description = o.value(QStringLiteral("description")).toString();
    list.membershipDuration = o.value(QStringLiteral("membershipDuration")).toString(QStringLiteral("46656000s"));
    QList<Violation> violations;
    if (list.displayName.trimmed().isEmpty())
        violations.append({QStringLiteral("user_list.display_name"), QStringLiteral("Required."), QStringLiteral("REQUIRED")});
    const QJsonArray keys = o.value(QStringLiteral("ingestedUserListInfo")).toObject().value(QStringLiteral("uploadKeyTypes")).toArray();
    if (!keys.contains(QStringLiteral("CONTACT_ID")))
        violations.append({QStringLiteral("user_list.ingested_user_list_info.upload_key_types"),
                           QStringLiteral("Contact information lists need CONTACT_ID."), QStringLiteral("INVALID_VALUE")});
    static const QRegularExpression duration(QStringLiteral("^(\\d+)s$"));
    const auto m = duration.match(list.membershipDuration);
    if (!m.hasMatch() || m.captured(1).toLongLong() % 86400 != 0 || m.captured(1).toLongLong() > 540LL * 86400)
        violations.append({QStringLiteral("user_list.membership_duration"),
                           QStringLiteral("A multiple of 24 hours, at most 540 days."), QStringLiteral("INVALID_VALUE")});
    if (!violations.isEmpty())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("There was a problem with the request."),
                           violations);
    for (const UserList& l : m_lists) {
        if (l.customerId == customerId && l.displayName == list.displayName)
            return googleError(409, QStringLiteral("ALREADY_EXISTS"), QStringLiteral("A user list with this name exists."));
    }
    list.id = randomDigits(10);
    m_lists.append(list);
    ++m_creations;
    return HttpResponse::json(200, listJson(list));
}

HttpResponse GoogleDataManagerEmulator::members(const RecordedRequest& request, bool ingest)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("Invalid JSON payload received."));
    const QJsonObject o = doc.object();
    QList<Violation> violations;

    const QJsonArray destinations = o.value(QStringLiteral("destinations")).toArray();
    if (destinations.isEmpty() || destinations.size() > 10)
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("There was a problem with the request."),
                           {{QStringLiteral("destinations"), QStringLiteral("1 to 10 destinations."), QStringLiteral("INVALID_VALUE")}});
    QList<UserList*> targets;
    for (const QJsonValue& d : destinations) {
        const QJsonObject operating = d.toObject().value(QStringLiteral("operatingAccount")).toObject();
        const QString customer = operating.value(QStringLiteral("accountId")).toString();
        if (operating.value(QStringLiteral("accountType")).toString() != QLatin1String("GOOGLE_ADS") ||
            !m_customers.contains(customer))
            return googleError(403, QStringLiteral("PERMISSION_DENIED"), QStringLiteral("The caller does not have permission"));
        const QString listId = d.toObject().value(QStringLiteral("productDestinationId")).toString();
        UserList* target = nullptr;
        for (UserList& l : m_lists)
            if (l.id == listId && l.customerId == customer)
                target = &l;
        if (!target)
            return googleError(404, QStringLiteral("NOT_FOUND"), QStringLiteral("The user list was not found."));
        targets.append(target);
    }
    const QString encoding = o.value(QStringLiteral("encoding")).toString();
    if (encoding != QLatin1String("HEX"))
        violations.append({QStringLiteral("encoding"), QStringLiteral("The emulator takes HEX."), QStringLiteral("INVALID_ENCODING")});
    if (ingest && o.value(QStringLiteral("termsOfService")).toObject().value(QStringLiteral("customerMatchTermsOfServiceStatus")).toString() !=
                      QLatin1String("ACCEPTED"))
        violations.append({QStringLiteral("terms_of_service"), QStringLiteral("The Customer Match terms must be accepted."),
                           QStringLiteral("TERMS_OF_SERVICE_NOT_ACCEPTED")});
    const QJsonArray members = o.value(QStringLiteral("audienceMembers")).toArray();
    m_largestRequest = std::max(m_largestRequest, int(members.size()));
    if (members.isEmpty() || members.size() > 10000)
        violations.append({QStringLiteral("audience_members"), QStringLiteral("1 to 10000 audience members per request."),
                           QStringLiteral("TOO_MANY_AUDIENCE_MEMBERS")});
    if (!violations.isEmpty())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("There was a problem with the request."),
                           violations);

    QStringList keys;
    for (int i = 0; i < members.size(); ++i) {
        const QString field = QStringLiteral("audience_members.audience_members[%1].user_data.user_identifiers").arg(i);
        const QJsonArray identifiers =
            members.at(i).toObject().value(QStringLiteral("userData")).toObject().value(QStringLiteral("userIdentifiers")).toArray();
        if (identifiers.isEmpty() || identifiers.size() > 10) {
            violations.append({field, QStringLiteral("1 to 10 identifiers."), QStringLiteral("INVALID_USER_IDENTIFIER_COUNT")});
            continue;
        }
        QString email, phone, given, family, region, postal;
        QString problem;
        for (const QJsonValue& v : identifiers) {
            const QJsonObject id = v.toObject();
            if (id.size() != 1) {
                problem = QStringLiteral("ONE_IDENTIFIER_PER_USER_IDENTIFIER");
                break;
            }
            const QString kind = id.keys().first();
            const auto hashed = [&](const QString& value) {
                if (m_rejectedValues.contains(value))
                    problem = QStringLiteral("INVALID_SHA256_FORMAT");
                else if (!isSha256Hex(value))
                    problem = QRegularExpression(QStringLiteral("^[0-9a-fA-F]+$")).match(value).hasMatch()
                                  ? QStringLiteral("INVALID_SHA256_FORMAT")
                                  : QStringLiteral("INVALID_HEX_ENCODING");
                return value;
            };
            if (kind == QLatin1String("emailAddress")) {
                email = hashed(id.value(kind).toString());
            } else if (kind == QLatin1String("phoneNumber")) {
                phone = hashed(id.value(kind).toString());
            } else if (kind == QLatin1String("address")) {
                const QJsonObject a = id.value(kind).toObject();
                given = hashed(a.value(QStringLiteral("givenName")).toString());
                family = hashed(a.value(QStringLiteral("familyName")).toString());
                region = a.value(QStringLiteral("regionCode")).toString();
                postal = a.value(QStringLiteral("postalCode")).toString();
                if (!QRegularExpression(QStringLiteral("^[A-Z]{2}$")).match(region).hasMatch() || postal.isEmpty())
                    problem = QStringLiteral("INVALID_ADDRESS");
            } else {
                problem = QStringLiteral("UNKNOWN_IDENTIFIER");
            }
            if (!problem.isEmpty())
                break;
        }
        if (!problem.isEmpty()) {
            violations.append({field, QStringLiteral("The identifier is not valid."), problem});
            continue;
        }
        keys.append(keyOf(email, phone, given, family, region, postal));
    }
    if (!violations.isEmpty())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("There was a problem with the request."),
                           violations);
    for (UserList* target : targets) {
        for (const QString& key : keys) {
            if (ingest)
                target->members.insert(key);
            else
                target->members.remove(key);
        }
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("requestId"), QUuid::createUuid().toString(QUuid::WithoutBraces)}});
}

} // namespace adplatform
