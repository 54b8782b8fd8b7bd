#pragma once

#include "activation/normalisation_operation.h"
#include "common/result.h"
#include "domain/audience.h"
#include "domain/customer_identifiers.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace core {

// A field of a customer_identifiers row (the JSON names are the table's column names).
enum class IdentifierField { Email, Phone, FirstName, LastName, City, Region, PostalCode, Country, BirthDate };

QString identifierFieldName(IdentifierField field); // "email", "first_name", …
std::optional<IdentifierField> parseIdentifierField(const QString& name);
const QString& identifierValue(const CustomerIdentifiers& person, IdentifierField field);
// Fields that say who someone is on their own or nearly (e-mail, phone, names, city, birth date):
// a profile must hash them.
bool isPersonalField(IdentifierField field);

// One column of a platform's audience file and how its value is made from a person's identifiers.
struct RuleKey
{
    QString column;        // exactly as the platform names it: "Email", "fn"
    IdentifierField field = IdentifierField::Email; // where the raw value comes from
    QList<NormalisationOperation> operations; // applied in order
    bool hashed = true;     // SHA-256 hex of the normalised value, or the value in clear
    bool identifies = false; // the key can match a person (e-mail, phone, names); a row needs one
    bool operator==(const RuleKey&) const = default;
};

// A platform's normalisation rules as versioned data (resources/activation/<platform>.json,
// compiled into core as :/activation/<platform>.json): which columns its file has, in order, and
// for each how a raw identifier is normalised and whether it is hashed. The rules drift, so they
// carry the version and the date they were last checked against the platform's documentation.
//
// fromJson() refuses, with one line naming the file and the problem: malformed JSON, an unknown
// platform, field or operation, a missing version, date or source, columns other than
// audienceColumns(platform) in that order, a personal field left unhashed, an operation on a
// field it does not fit (a phone operation on anything but phone, e-mail operations on anything
// but email), no key that identifies a person.
struct RuleProfile
{
    AudiencePlatform platform = AudiencePlatform::Google;
    QString name;    // "Google Customer Match (Data Manager API formatting)"
    QString version; // "2026.1"
    QDate checked;   // when the rules were last checked against the sources
    QStringList sources;
    QList<RuleKey> keys; // in audienceColumns(platform) order

    // origin names the data in errors ("google.json").
    static Result<RuleProfile> fromJson(const QByteArray& json, const QString& origin);
    static Result<RuleProfile> loadFile(const QString& path);
    // The compiled-in profile of a platform.
    static Result<RuleProfile> load(AudiencePlatform platform);

    QStringList columns() const;
    // "Google Customer Match (Data Manager API formatting) 2026.1, checked 2026-12-06"
    QString describe() const;
    bool operator==(const RuleProfile&) const = default;
};

} // namespace core
