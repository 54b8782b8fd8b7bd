#include "domain/definition.h"

#include "common/single_line.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <limits>

namespace core {

namespace {

const QString kOp = QStringLiteral("op");
const QString kChildren = QStringLiteral("children");
const QString kDimension = QStringLiteral("dimension");
const QString kValues = QStringLiteral("values");
const QString kBehaviour = QStringLiteral("behaviour");
const QString kSegment = QStringLiteral("segment");

QString opName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::And: return QStringLiteral("and");
    case NodeKind::Or: return QStringLiteral("or");
    case NodeKind::Not: return QStringLiteral("not");
    default: return {};
    }
}

QJsonObject nodeToJson(const DefinitionNode& node)
{
    QJsonObject o;
    switch (node.kind) {
    case NodeKind::And:
    case NodeKind::Or:
    case NodeKind::Not: {
        QJsonArray children;
        for (const auto& c : node.children)
            children.append(nodeToJson(c));
        o.insert(kOp, opName(node.kind));
        o.insert(kChildren, children);
        break;
    }
    case NodeKind::Condition:
        o.insert(kDimension, dimensionKey(node.dimension));
        o.insert(kValues, QJsonArray::fromStringList(node.values));
        break;
    case NodeKind::Behaviour:
        o.insert(kBehaviour, QJsonObject{{QStringLiteral("event"), node.behaviour.eventType},
                                         {QStringLiteral("min_count"), node.behaviour.minCount},
                                         {QStringLiteral("days"), node.behaviour.days}});
        break;
    case NodeKind::SegmentRef:
        o.insert(kSegment, node.segmentId);
        break;
    }
    return o;
}

Error parseError(const QString& path, const QString& what)
{
    return Error::validation(QStringLiteral("definition_malformed"),
                             singleLine(QStringLiteral("The segment criteria are malformed at %1: %2").arg(path, what)),
                             path);
}

Result<int> intField(const QJsonObject& o, const QString& key, const QString& path)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return parseError(path + QLatin1Char('.') + key, QStringLiteral("a whole number is required"));
    const double d = v.toDouble();
    // In range before the cast: converting a double outside int's range is undefined.
    if (!(d >= std::numeric_limits<int>::min() && d <= std::numeric_limits<int>::max()) || d != std::trunc(d))
        return parseError(path + QLatin1Char('.') + key, QStringLiteral("a whole number is required"));
    return static_cast<int>(d);
}

Result<DefinitionNode> nodeFromJson(const QJsonValue& value, const QString& path, int depth)
{
    if (depth > 32)
        return parseError(path, QStringLiteral("the tree is nested more than 32 levels deep"));
    if (!value.isObject())
        return parseError(path, QStringLiteral("expected an object"));
    const QJsonObject o = value.toObject();

    if (o.contains(kOp)) {
        const QString op = o.value(kOp).toString();
        DefinitionNode node;
        if (op == QLatin1String("and"))
            node.kind = NodeKind::And;
        else if (op == QLatin1String("or"))
            node.kind = NodeKind::Or;
        else if (op == QLatin1String("not"))
            node.kind = NodeKind::Not;
        else
            return parseError(path + QStringLiteral(".op"), QStringLiteral("unknown operator \"%1\"").arg(op));
        const QJsonValue children = o.value(kChildren);
        if (!children.isArray())
            return parseError(path + QStringLiteral(".children"), QStringLiteral("a list of conditions is required"));
        const QJsonArray arr = children.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            auto child = nodeFromJson(arr.at(i), QStringLiteral("%1.children[%2]").arg(path).arg(i), depth + 1);
            if (!child)
                return child.error();
            node.children.push_back(std::move(child).value());
        }
        if (node.kind == NodeKind::Not && node.children.size() != 1)
            return parseError(path, QStringLiteral("\"not\" takes exactly one condition"));
        return node;
    }
    if (o.contains(kDimension)) {
        const QString key = o.value(kDimension).toString();
        const auto dimension = dimensionFromKey(key);
        if (!dimension)
            return parseError(path + QStringLiteral(".dimension"), QStringLiteral("unknown dimension \"%1\"").arg(key));
        const QJsonValue values = o.value(kValues);
        if (!values.isArray())
            return parseError(path + QStringLiteral(".values"), QStringLiteral("a list of values is required"));
        QStringList list;
        const QJsonArray arr = values.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString())
                return parseError(QStringLiteral("%1.values[%2]").arg(path).arg(i), QStringLiteral("text is required"));
            list.append(arr.at(i).toString());
        }
        return DefinitionNode::condition(*dimension, list);
    }
    if (o.contains(kBehaviour)) {
        const QJsonValue b = o.value(kBehaviour);
        if (!b.isObject())
            return parseError(path + QStringLiteral(".behaviour"), QStringLiteral("expected an object"));
        const QJsonObject bo = b.toObject();
        const QString bpath = path + QStringLiteral(".behaviour");
        if (!bo.value(QStringLiteral("event")).isString())
            return parseError(bpath + QStringLiteral(".event"), QStringLiteral("an event type is required"));
        BehaviourRule rule;
        rule.eventType = bo.value(QStringLiteral("event")).toString();
        auto minCount = intField(bo, QStringLiteral("min_count"), bpath);
        if (!minCount)
            return minCount.error();
        auto days = intField(bo, QStringLiteral("days"), bpath);
        if (!days)
            return days.error();
        rule.minCount = minCount.value();
        rule.days = days.value();
        return DefinitionNode::behaviourRule(rule);
    }
    if (o.contains(kSegment)) {
        if (!o.value(kSegment).isString())
            return parseError(path + QStringLiteral(".segment"), QStringLiteral("a segment id is required"));
        return DefinitionNode::segment(o.value(kSegment).toString());
    }
    return parseError(path, QStringLiteral("expected \"op\", \"dimension\", \"behaviour\" or \"segment\""));
}

bool hasLeaf(const DefinitionNode& node)
{
    if (!node.isLogical())
        return true;
    for (const auto& c : node.children) {
        if (hasLeaf(c))
            return true;
    }
    return false;
}

void collectRefs(const DefinitionNode& node, QStringList& out)
{
    if (node.kind == NodeKind::SegmentRef && !out.contains(node.segmentId))
        out.append(node.segmentId);
    for (const auto& c : node.children)
        collectRefs(c, out);
}

} // namespace

bool Definition::isEmpty() const { return !hasLeaf(m_root); }

QStringList Definition::referencedSegments() const
{
    QStringList out;
    collectRefs(m_root, out);
    return out;
}

QJsonObject Definition::toJson() const
{
    return QJsonObject{{QStringLiteral("schema_version"), kSchemaVersion}, {QStringLiteral("root"), nodeToJson(m_root)}};
}

QByteArray Definition::toCanonicalJson() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Compact); }

QString Definition::hash() const
{
    return QString::fromLatin1(QCryptographicHash::hash(toCanonicalJson(), QCryptographicHash::Sha256).toHex());
}

Result<Definition> Definition::fromJson(const QJsonObject& json)
{
    const QJsonValue version = json.value(QStringLiteral("schema_version"));
    if (!version.isDouble())
        return parseError(QStringLiteral("schema_version"), QStringLiteral("a schema version is required"));
    if (version.toInt() != kSchemaVersion)
        return parseError(QStringLiteral("schema_version"),
                          QStringLiteral("version %1 is not supported (this app reads version %2)")
                              .arg(version.toInt())
                              .arg(kSchemaVersion));
    auto root = nodeFromJson(json.value(QStringLiteral("root")), QStringLiteral("root"), 0);
    if (!root)
        return root.error();
    return Definition(std::move(root).value());
}

Result<Definition> Definition::fromJsonText(const QByteArray& text)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::parse(QStringLiteral("The segment criteria are not valid JSON."),
                            QStringLiteral("%1 at offset %2").arg(err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return Error::parse(QStringLiteral("The segment criteria must be a JSON object."));
    return fromJson(doc.object());
}

} // namespace core
