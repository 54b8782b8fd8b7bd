#include "domain/catalogue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace core {

namespace {

Result<QJsonObject> readJsonObject(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("The criteria catalogue could not be read."),
                         QStringLiteral("%1: %2").arg(path, file.errorString()));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::parse(QStringLiteral("The criteria catalogue is damaged."),
                            QStringLiteral("%1: %2 at offset %3").arg(path, err.errorString()).arg(err.offset));
    return doc.object();
}

QStringList stringList(const QJsonValue& v)
{
    QStringList out;
    const QJsonArray arr = v.toArray();
    for (const auto& item : arr)
        out.append(item.toString());
    return out;
}

} // namespace

void Catalogue::add(Dimension dimension, Entry entry)
{
    auto& list = m_entries[dimension];
    m_index[dimension].insert(entry.value, list.size());
    list.append(std::move(entry));
}

Result<std::shared_ptr<const Catalogue>> Catalogue::load(const QString& dir)
{
    auto catalogue = std::make_shared<Catalogue>();

    auto dims = readJsonObject(dir + QStringLiteral("/dimensions.json"));
    if (!dims)
        return dims.error();
    const QJsonObject labels = dims.value().value(QStringLiteral("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        catalogue->m_labels.insert(it.key(), it.value().toString());
    auto labelOf = [&](const QString& v) { return catalogue->m_labels.value(v, v); };
    const struct
    {
        Dimension dimension;
        const char* key;
    } fixed[] = {{Dimension::Age, "age_buckets"}, {Dimension::Gender, "genders"}, {Dimension::Device, "devices"}};
    for (const auto& f : fixed) {
        for (const QString& v : stringList(dims.value().value(QLatin1String(f.key))))
            catalogue->add(f.dimension, Entry{v, labelOf(v), {}});
    }
    catalogue->m_eventTypes = stringList(dims.value().value(QStringLiteral("event_types")));

    auto countries = readJsonObject(dir + QStringLiteral("/countries.json"));
    if (!countries)
        return countries.error();
    const QJsonArray countryList = countries.value().value(QStringLiteral("countries")).toArray();
    for (const auto& c : countryList) {
        const QJsonObject co = c.toObject();
        const QString code = co.value(QStringLiteral("code")).toString();
        catalogue->add(Dimension::Country, Entry{code, co.value(QStringLiteral("name")).toString(), {}});
        const QJsonArray regions = co.value(QStringLiteral("regions")).toArray();
        for (const auto& r : regions) {
            const QJsonObject ro = r.toObject();
            catalogue->add(Dimension::Region, Entry{ro.value(QStringLiteral("code")).toString(),
                                                    ro.value(QStringLiteral("name")).toString(), code});
        }
    }

    auto interests = readJsonObject(dir + QStringLiteral("/interests.json"));
    if (!interests)
        return interests.error();
    const QJsonArray interestList = interests.value().value(QStringLiteral("interests")).toArray();
    for (const auto& i : interestList) {
        const QJsonObject io = i.toObject();
        catalogue->add(Dimension::Interest, Entry{io.value(QStringLiteral("id")).toString(),
                                                  io.value(QStringLiteral("name")).toString(),
                                                  io.value(QStringLiteral("parent")).toString()});
    }

    for (Dimension d : kAllDimensions) {
        if (catalogue->entries(d).isEmpty())
            return Error::parse(QStringLiteral("The criteria catalogue is incomplete."),
                                QStringLiteral("no values for dimension %1 in %2").arg(dimensionKey(d), dir));
    }
    return std::shared_ptr<const Catalogue>(std::move(catalogue));
}

const QList<Catalogue::Entry>& Catalogue::entries(Dimension dimension) const
{
    static const QList<Entry> empty;
    auto it = m_entries.constFind(dimension);
    return it == m_entries.cend() ? empty : it.value();
}

QStringList Catalogue::values(Dimension dimension) const
{
    QStringList out;
    for (const auto& e : entries(dimension))
        out.append(e.value);
    return out;
}

bool Catalogue::contains(Dimension dimension, const QString& value) const { return find(dimension, value) != nullptr; }

const Catalogue::Entry* Catalogue::find(Dimension dimension, const QString& value) const
{
    auto idx = m_index.constFind(dimension);
    if (idx == m_index.cend())
        return nullptr;
    auto it = idx->constFind(value);
    if (it == idx->cend())
        return nullptr;
    return &m_entries[dimension][it.value()];
}

QString Catalogue::label(Dimension dimension, const QString& value) const
{
    const Entry* e = find(dimension, value);
    if (!e)
        return value;
    if (dimension == Dimension::Region)
        return QStringLiteral("%1 (%2)").arg(e->label, e->parent);
    if (dimension == Dimension::Interest) {
        QString text = e->label;
        for (const Entry* p = find(Dimension::Interest, e->parent); p; p = find(Dimension::Interest, p->parent))
            text = p->label + QStringLiteral(" › ") + text;
        return text;
    }
    return e->label;
}

QStringList Catalogue::regionsOf(const QString& countryCode) const
{
    QStringList out;
    for (const auto& e : entries(Dimension::Region)) {
        if (e.parent == countryCode)
            out.append(e.value);
    }
    return out;
}

QStringList Catalogue::interestDescendants(const QString& interestId) const
{
    QStringList out;
    const QString prefix = interestId + QLatin1Char('.');
    for (const auto& e : entries(Dimension::Interest)) {
        if (e.value.startsWith(prefix))
            out.append(e.value);
    }
    return out;
}

QString Catalogue::eventLabel(const QString& eventType) const { return m_labels.value(eventType, eventType); }

} // namespace core
