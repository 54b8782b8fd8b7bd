#include "domain/segment_json.h"

#include "common/single_line.h"

#include <QJsonArray>
#include <QSet>
#include <QJsonDocument>
#include <QTimeZone>

#include <algorithm>

namespace core {

namespace {

Error fieldError(const QString& field, const QString& what)
{
    return Error::validation(QStringLiteral("segment_json_invalid"),
                             singleLine(QStringLiteral("The segment's “%1” field %2.").arg(field, what)), field);
}

QJsonValue timeOrNull(const QDateTime& t) { return t.isValid() ? QJsonValue(SegmentJson::formatTime(t)) : QJsonValue(); }

Result<QString> optionalString(const QJsonObject& o, const QString& key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString())
        return fieldError(key, QStringLiteral("must be text"));
    return v.toString();
}

Result<QDateTime> optionalTime(const QJsonObject& o, const QString& key)
{
    auto s = optionalString(o, key);
    if (!s)
        return s.error();
    if (s.value().isEmpty())
        return QDateTime();
    const QDateTime t = SegmentJson::parseTime(s.value());
    if (!t.isValid())
        return fieldError(key, QStringLiteral("is not an ISO 8601 time such as 2026-01-31T12:00:00.000Z"));
    return t;
}

} // namespace

QString SegmentJson::formatTime(const QDateTime& time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QDateTime SegmentJson::parseTime(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return {};
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc());
    return t.toUTC();
}

QJsonObject SegmentJson::toJson(const Segment& s)
{
    return QJsonObject{
        {QStringLiteral("segment_id"), s.id},
        {QStringLiteral("advertiser_id"), s.advertiserId},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("description"), s.description},
        {QStringLiteral("status"), segmentStatusKey(s.status)},
        {QStringLiteral("definition"), s.definition.toJson()},
        {QStringLiteral("definition_hash"), s.definitionHash},
        {QStringLiteral("version"), s.version},
        {QStringLiteral("created_by"), s.createdBy},
        {QStringLiteral("created_at"), timeOrNull(s.createdAt)},
        {QStringLiteral("updated_by"), s.updatedBy},
        {QStringLiteral("updated_at"), timeOrNull(s.updatedAt)},
        {QStringLiteral("deleted_at"), timeOrNull(s.deletedAt)},
    };
}

Result<Segment> SegmentJson::fromJson(const QJsonObject& o)
{
    Segment s;
    struct StringField
    {
        const char* key;
        QString* target;
    } strings[] = {{"segment_id", &s.id},         {"advertiser_id", &s.advertiserId}, {"name", &s.name},
                   {"description", &s.description}, {"definition_hash", &s.definitionHash},
                   {"created_by", &s.createdBy},  {"updated_by", &s.updatedBy}};
    for (const auto& f : strings) {
        auto v = optionalString(o, QLatin1String(f.key));
        if (!v)
            return v.error();
        *f.target = v.value();
    }
    const auto status = optionalString(o, QStringLiteral("status"));
    if (!status)
        return status.error();
    if (status.value().isEmpty()) {
        s.status = SegmentStatus::Draft;
    } else if (auto st = segmentStatusFromKey(status.value())) {
        s.status = *st;
    } else {
        return fieldError(QStringLiteral("status"), QStringLiteral("must be draft, active or archived"));
    }
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isUndefined() && !version.isNull()) {
        if (!version.isDouble() || version.toDouble() != static_cast<double>(version.toInt()) || version.toInt() < 0)
            return fieldError(QStringLiteral("version"), QStringLiteral("must be a whole number of zero or more"));
        s.version = version.toInt();
    }
    const QJsonValue def = o.value(QStringLiteral("definition"));
    if (!def.isObject())
        return fieldError(QStringLiteral("definition"), QStringLiteral("is required and must be an object"));
    auto definition = Definition::fromJson(def.toObject());
    if (!definition)
        return definition.error();
    s.definition = std::move(definition).value();
    struct TimeField
    {
        const char* key;
        QDateTime* target;
    } times[] = {{"created_at", &s.createdAt}, {"updated_at", &s.updatedAt}, {"deleted_at", &s.deletedAt}};
    for (const auto& f : times) {
        auto t = optionalTime(o, QLatin1String(f.key));
        if (!t)
            return t.error();
        *f.target = t.value();
    }
    return s;
}

QByteArray SegmentJson::toDocument(const QList<Segment>& segments)
{
    return toDocument(segments, {});
}

QByteArray SegmentJson::toDocument(const QList<Segment>& segments, const QList<Advertiser>& advertisers)
{
    QJsonArray arr;
    QSet<QString> used;
    for (const auto& s : segments) {
        arr.append(toJson(s));
        used.insert(s.advertiserId);
    }
    QJsonObject doc{{QStringLiteral("format"), QStringLiteral("segment-builder/segments")},
                    {QStringLiteral("format_version"), kFormatVersion},
                    {QStringLiteral("segments"), arr}};
    QList<Advertiser> described;
    for (const Advertiser& a : advertisers)
        if (used.contains(a.id) && std::none_of(described.cbegin(), described.cend(), [&](const Advertiser& d) { return d.id == a.id; }))
            described.append(a);
    if (!described.isEmpty()) {
        std::sort(described.begin(), described.end(), [](const Advertiser& a, const Advertiser& b) { return a.id < b.id; });
        QJsonArray list;
        for (const Advertiser& a : described)
            list.append(toJson(a));
        doc.insert(QStringLiteral("advertisers"), list);
    }
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

QJsonObject SegmentJson::toJson(const Advertiser& advertiser)
{
    return {{QStringLiteral("advertiser_id"), advertiser.id},
            {QStringLiteral("name"), advertiser.name},
            {QStringLiteral("currency"), Advertiser::normaliseCurrency(advertiser.currency)}};
}

Result<Advertiser> SegmentJson::advertiserFromJson(const QJsonObject& o)
{
    const auto field = [](const char* key, const QString& problem) {
        return Error::parse(QStringLiteral("The advertiser’s “%1” %2.").arg(QLatin1String(key), problem));
    };
    const QJsonValue id = o.value(QStringLiteral("advertiser_id"));
    if (!id.isString() || id.toString().trimmed().isEmpty())
        return field("advertiser_id", QStringLiteral("is required and must be a non-empty string"));
    Advertiser a;
    a.id = id.toString().trimmed();
    const QJsonValue name = o.value(QStringLiteral("name"));
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return field("name", QStringLiteral("must be a string"));
    a.name = name.toString().trimmed().isEmpty() ? a.id : name.toString().trimmed();
    const QJsonValue currency = o.value(QStringLiteral("currency"));
    if (!currency.isUndefined() && !currency.isNull()) {
        if (!currency.isString())
            return field("currency", QStringLiteral("must be a string"));
        if (Status ok = Advertiser::validateCurrency(currency.toString().trimmed().toUpper()); !ok)
            return field("currency", QStringLiteral("must be an ISO 4217 code of three letters such as EUR"));
    }
    a.currency = Advertiser::normaliseCurrency(currency.toString());
    return a;
}

Result<QList<Segment>> SegmentJson::fromDocument(const QByteArray& bytes)
{
    auto doc = readDocument(bytes);
    if (!doc)
        return doc.error();
    return std::move(doc).value().segments;
}

Result<SegmentDocument> SegmentJson::readDocument(const QByteArray& bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::parse(QStringLiteral("The file is not valid JSON."),
                            QStringLiteral("%1 at byte %2").arg(err.errorString()).arg(err.offset));
    SegmentDocument out;
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else if (doc.object().contains(QStringLiteral("segments"))) {
        const QJsonObject o = doc.object();
        const int fv = o.value(QStringLiteral("format_version")).toInt(kFormatVersion);
        if (fv != kFormatVersion)
            return Error::parse(QStringLiteral("The file uses segment format version %1; this app reads version %2.")
                                    .arg(fv)
                                    .arg(kFormatVersion));
        if (!o.value(QStringLiteral("segments")).isArray())
            return Error::parse(QStringLiteral("The file's “segments” entry must be a list."));
        items = o.value(QStringLiteral("segments")).toArray();
        const QJsonValue advertisers = o.value(QStringLiteral("advertisers"));
        if (!advertisers.isUndefined() && !advertisers.isNull()) {
            if (!advertisers.isArray())
                return Error::parse(QStringLiteral("The file's “advertisers” entry must be a list."));
            const QJsonArray list = advertisers.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (!list.at(i).isObject())
                    return Error::parse(QStringLiteral("Advertiser %1 in the file is not an object.").arg(i + 1));
                auto a = advertiserFromJson(list.at(i).toObject());
                if (!a) {
                    Error e = a.error();
                    e.userMessage = QStringLiteral("Advertiser %1 in the file: %2").arg(i + 1).arg(e.userMessage);
                    return e;
                }
                if (std::any_of(out.advertisers.cbegin(), out.advertisers.cend(),
                                [&](const Advertiser& d) { return d.id == a.value().id; }))
                    return Error::parse(QStringLiteral("Advertiser %1 in the file repeats the id %2.").arg(i + 1).arg(a.value().id));
                out.advertisers.append(std::move(a).value());
            }
        }
    } else {
        items.append(doc.object());
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return Error::parse(QStringLiteral("Segment %1 in the file is not an object.").arg(i + 1));
        auto s = fromJson(items.at(i).toObject());
        if (!s) {
            Error e = s.error();
            e.userMessage = QStringLiteral("Segment %1 in the file: %2").arg(i + 1).arg(e.userMessage);
            return e;
        }
        out.segments.append(std::move(s).value());
    }
    return out;
}

} // namespace core
