#pragma once

#include "common/result.h"
#include "domain/definition_node.h"

#include <QByteArray>
#include <QJsonObject>

namespace core {

// A segment's criteria: a condition tree plus the schema version of its JSON form.
//
// JSON form (schema_version 1):
//   {"schema_version": 1,
//    "root": {"op": "and", "children": [
//        {"dimension": "age", "values": ["18-24", "25-34"]},
//        {"behaviour": {"event": "click", "min_count": 3, "days": 30}},
//        {"segment": "<segment uuid>"},
//        {"op": "not", "children": [{"dimension": "country", "values": ["FR"]}]}]}}
class Definition
{
public:
    static constexpr int kSchemaVersion = 1;

    Definition() = default;
    explicit Definition(DefinitionNode root) : m_root(std::move(root)) {}

    const DefinitionNode& root() const { return m_root; }
    DefinitionNode& root() { return m_root; }

    // True when the tree holds no leaf at all.
    bool isEmpty() const;
    // Ids of every segment the tree refers to, in tree order, without repeats.
    QStringList referencedSegments() const;

    QJsonObject toJson() const;
    // Canonical compact JSON (stable key order), the input of hash().
    QByteArray toCanonicalJson() const;
    // SHA-256 of the canonical JSON, lowercase hex.
    QString hash() const;

    // Parses the JSON form; errors name the path of the offending node.
    static Result<Definition> fromJson(const QJsonObject& json);
    static Result<Definition> fromJsonText(const QByteArray& text);

    bool operator==(const Definition&) const = default;

private:
    DefinitionNode m_root;
};

} // namespace core
