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
