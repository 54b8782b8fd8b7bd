#include "domain/experiment_json.h"

#include <QJsonDocument>

#include "domain/segment_json.h"

namespace core {

namespace {

QJsonValue dateValue(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeValue(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(SegmentJson::formatTime(t)) : QJsonValue(QJsonValue::Null);
}

QJsonArray armsArray(const QList<ExperimentArm>& arms)
{
    QJsonArray out;
    for (const auto& a : arms)
        out.append(QJsonObject{{QStringLiteral("name"), a.name}, {QStringLiteral("weight"), a.weight}});
    return out;
}

} // namespace

QJsonObject ExperimentJson::toJson(const Experiment& e)
{
    return QJsonObject{
        {QStringLiteral("experiment_id"), e.id},
        {QStringLiteral("segment_id"), e.segmentId},
        {QStringLiteral("advertiser_id"), e.advertiserId},
        {QStringLiteral("name"), e.name},
        {QStringLiteral("key"), e.key},
        {QStringLiteral("seed"), e.seed.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.seed)},
        {QStringLiteral("arms"), armsArray(e.arms)},
        {QStringLiteral("holdout_percent"), e.holdoutPercent},
        {QStringLiteral("start_date"), dateValue(e.startDate)},
        {QStringLiteral("end_date"), dateValue(e.endDate)},
        {QStringLiteral("primary_metric"), experimentMetricKey(e.primaryMetric)},
        {QStringLiteral("status"), experimentStatusKey(e.status)},
        {QStringLiteral("version"), e.version},
        {QStringLiteral("created_by"), e.createdBy},
        {QStringLiteral("created_at"), timeValue(e.createdAt)},
        {QStringLiteral("updated_by"), e.updatedBy},
        {QStringLiteral("updated_at"), timeValue(e.updatedAt)},
    };
}

Result<Experiment> ExperimentJson::fromJson(const QJsonObject& o)
{
    const auto bad = [](const char* field) {
        return Error::parse(QStringLiteral("An experiment could not be read."),
                            QStringLiteral("field %1 is missing or of the wrong type").arg(QLatin1String(field)));
    };
    const auto text = [&o](const char* field) { return o.value(QLatin1String(field)).toString(); };
    Experiment e;
    for (const char* field : {"experiment_id", "segment_id", "advertiser_id", "name", "key", "primary_metric", "status"})
        if (!o.value(QLatin1String(field)).isString())
            return bad(field);
    e.id = text("experiment_id");
    e.segmentId = text("segment_id");
    e.advertiserId = text("advertiser_id");
    e.name = text("name");
    e.key = text("key");
    e.seed = text("seed"); // null: the key
    if (!o.value(QStringLiteral("arms")).isArray())
        return bad("arms");
    for (const QJsonValue& v : o.value(QStringLiteral("arms")).toArray()) {
        const QJsonObject arm = v.toObject();
        if (!arm.value(QStringLiteral("name")).isString() || !arm.value(QStringLiteral("weight")).isDouble())
            return bad("arms");
        e.arms.append(ExperimentArm{arm.value(QStringLiteral("name")).toString(), arm.value(QStringLiteral("weight")).toInt()});
    }
    if (!o.value(QStringLiteral("holdout_percent")).isDouble())
        return bad("holdout_percent");
    e.holdoutPercent = o.value(QStringLiteral("holdout_percent")).toDouble();
    e.startDate = QDate::fromString(text("start_date"), Qt::ISODate);
    e.endDate = QDate::fromString(text("end_date"), Qt::ISODate);
    const auto metric = experimentMetricFromKey(text("primary_metric"));
    if (!metric)
        return bad("primary_metric");
    e.primaryMetric = *metric;
    const auto status = experimentStatusFromKey(text("status"));
    if (!status)
        return bad("status");
    e.status = *status;
    e.version = o.value(QStringLiteral("version")).toInt();
    e.createdBy = text("created_by");
    e.createdAt = SegmentJson::parseTime(text("created_at"));
    e.updatedBy = text("updated_by");
    e.updatedAt = SegmentJson::parseTime(text("updated_at"));
    return e;
}

QString ExperimentJson::armsToText(const QList<ExperimentArm>& arms)
{
    return QString::fromUtf8(QJsonDocument(armsArray(arms)).toJson(QJsonDocument::Compact));
}

Result<QList<ExperimentArm>> ExperimentJson::armsFromText(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return Error::parse(QStringLiteral("An experiment's stored arms could not be read."),
                            QStringLiteral("arms: %1").arg(error.errorString()));
    QList<ExperimentArm> out;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("name")).isString() || !o.value(QStringLiteral("weight")).isDouble())
            return Error::parse(QStringLiteral("An experiment's stored arms could not be read."),
                                QStringLiteral("arms: an element without a name or a weight"));
        out.append(ExperimentArm{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("weight")).toInt()});
    }
    return out;
}

} // namespace core
