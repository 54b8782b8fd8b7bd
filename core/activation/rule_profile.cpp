#include "activation/rule_profile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace core {

namespace {

struct FieldName
{
    IdentifierField field;
    const char* name;
};

constexpr FieldName kFieldNames[] = {
    {IdentifierField::Email, "email"},         {IdentifierField::Phone, "phone"},
    {IdentifierField::FirstName, "first_name"}, {IdentifierField::LastName, "last_name"},
    {IdentifierField::City, "city"},           {IdentifierField::Region, "region"},
    {IdentifierField::PostalCode, "postal_code"}, {IdentifierField::Country, "country"},
    {IdentifierField::BirthDate, "birth_date"},
};

Error profileError(const QString& origin, const QString& problem)
{
    Error e = Error::parse(QStringLiteral("The audience rules %1 cannot be used: %2.").arg(origin, problem),
                           QStringLiteral("rule profile %1: %2").arg(origin, problem));
    e.code = QStringLiteral("rule_profile_invalid");
    e.remediation = QStringLiteral("Fix the rule file (see resources/activation/README.md) or reinstall the app.");
    return e;
}

bool isPhoneOperation(NormalisationOperation op)
{
    return op == NormalisationOperation::PhoneE164Plus || op == NormalisationOperation::PhoneDigitsWithCountryCode;
}

bool isEmailOperation(NormalisationOperation op)
{
    return op == NormalisationOperation::EmailSyntax || op == NormalisationOperation::GmailCanonical;
}

QString operationNames()
{
    QStringList names;
    for (NormalisationOperation op : allNormalisationOperations())
        names.append(normalisationOperationName(op));
    return names.join(QStringLiteral(", "));
}

Result<RuleKey> readKey(const QJsonValue& value, int index, const QString& origin)
{
    if (!value.isObject())
        return profileError(origin, QStringLiteral("key %1 is not an object").arg(index + 1));
    const QJsonObject o = value.toObject();
    const QString column = o.value(QStringLiteral("column")).toString();
    if (column.isEmpty())
        return profileError(origin, QStringLiteral("key %1 has no \"column\"").arg(index + 1));
    static const QStringList members{QStringLiteral("column"), QStringLiteral("field"), QStringLiteral("operations"),
                                     QStringLiteral("hashed"), QStringLiteral("identifies"), QStringLiteral("note")};
    for (const QString& member : o.keys())
        if (!members.contains(member))
            return profileError(origin, QStringLiteral("unknown member \"%1\" in key %2").arg(member, column));

    RuleKey key;
    key.column = column;
    const QString fieldName = o.value(QStringLiteral("field")).toString();
    const std::optional<IdentifierField> field = parseIdentifierField(fieldName);
    if (!field)
        return profileError(origin, QStringLiteral("key %1 reads the unknown field \"%2\"").arg(column, fieldName));
    key.field = *field;

    const QJsonValue operations = o.value(QStringLiteral("operations"));
    if (!operations.isArray() || operations.toArray().isEmpty())
        return profileError(origin, QStringLiteral("key %1 has no \"operations\" list").arg(column));
    for (const QJsonValue& item : operations.toArray()) {
        const QString name = item.toString();
        const std::optional<NormalisationOperation> op = parseNormalisationOperation(name);
        if (!op)
            return profileError(origin, QStringLiteral("unknown operation \"%1\" in key %2 (known: %3)")
                                            .arg(item.isString() ? name : QStringLiteral("(not a name)"), column,
                                                 operationNames()));
        if (isPhoneOperation(*op) && key.field != IdentifierField::Phone)
            return profileError(origin, QStringLiteral("the phone operation %1 is used on %2 in key %3")
                                            .arg(name, fieldName, column));
        if (isEmailOperation(*op) && key.field != IdentifierField::Email)
            return profileError(origin, QStringLiteral("the e-mail operation %1 is used on %2 in key %3")
                                            .arg(name, fieldName, column));
        key.operations.append(*op);
    }

    const QJsonValue hashed = o.value(QStringLiteral("hashed"));
    if (!hashed.isBool())
        return profileError(origin, QStringLiteral("key %1 does not say whether it is \"hashed\" (true or false)").arg(column));
    key.hashed = hashed.toBool();
    if (!key.hashed && isPersonalField(key.field))
        return profileError(origin, QStringLiteral("key %1 would send %2 unhashed").arg(column, fieldName));
    const QJsonValue identifies = o.value(QStringLiteral("identifies"));
    if (!identifies.isUndefined() && !identifies.isBool())
        return profileError(origin, QStringLiteral("\"identifies\" of key %1 is not true or false").arg(column));
    key.identifies = identifies.toBool(false);
    return key;
}

} // namespace

QString identifierFieldName(IdentifierField field)
{
    for (const FieldName& entry : kFieldNames)
        if (entry.field == field)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<IdentifierField> parseIdentifierField(const QString& name)
{
    for (const FieldName& entry : kFieldNames)
        if (name == QLatin1String(entry.name))
            return entry.field;
    return std::nullopt;
}

const QString& identifierValue(const CustomerIdentifiers& person, IdentifierField field)
{
    switch (field) {
    case IdentifierField::Email: return person.email;
    case IdentifierField::Phone: return person.phone;
    case IdentifierField::FirstName: return person.firstName;
    case IdentifierField::LastName: return person.lastName;
    case IdentifierField::City: return person.city;
    case IdentifierField::Region: return person.region;
    case IdentifierField::PostalCode: return person.postalCode;
    case IdentifierField::Country: return person.country;
    case IdentifierField::BirthDate: return person.birthDate;
    }
    return person.email;
}

bool isPersonalField(IdentifierField field)
{
    switch (field) {
    case IdentifierField::Email:
    case IdentifierField::Phone:
    case IdentifierField::FirstName:
    case IdentifierField::LastName:
    case IdentifierField::City:
    case IdentifierField::BirthDate: return true;
    case IdentifierField::Region:
    case IdentifierField::PostalCode:
    case IdentifierField::Country: return false;
    }
    return true;
}

Result<RuleProfile> RuleProfile::fromJson(const QByteArray& json, const QString& origin)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return profileError(origin, QStringLiteral("it is not valid JSON (%1 at offset %2)")
                                        .arg(parseError.errorString())
                                        .arg(parseError.offset));
    if (!doc.isObject())
        return profileError(origin, QStringLiteral("it is not a JSON object"));
    const QJsonObject o = doc.object();

    RuleProfile profile;
    const QString platformKey = o.value(QStringLiteral("platform")).toString();
    const std::optional<AudiencePlatform> platform = parseAudiencePlatform(platformKey);
    if (!platform)
        return profileError(origin, QStringLiteral("\"platform\" must be google or meta, not \"%1\"").arg(platformKey));
    profile.platform = *platform;
    profile.name = o.value(QStringLiteral("name")).toString();
    if (profile.name.trimmed().isEmpty())
        return profileError(origin, QStringLiteral("it has no \"name\""));
    profile.version = o.value(QStringLiteral("version")).toString();
    if (profile.version.trimmed().isEmpty())
        return profileError(origin, QStringLiteral("it has no \"version\" (a string such as \"2026.1\")"));
    const QString checked = o.value(QStringLiteral("checked")).toString();
    profile.checked = QDate::fromString(checked, Qt::ISODate);
    if (!profile.checked.isValid())
        return profileError(origin, QStringLiteral("\"checked\" must be the date the rules were checked, as YYYY-MM-DD"));
    for (const QJsonValue& source : o.value(QStringLiteral("sources")).toArray())
        if (!source.toString().trimmed().isEmpty())
            profile.sources.append(source.toString());
    if (profile.sources.isEmpty())
        return profileError(origin, QStringLiteral("it names no \"sources\" for its rules"));

    const QJsonArray keys = o.value(QStringLiteral("keys")).toArray();
    for (int i = 0; i < keys.size(); ++i) {
        Result<RuleKey> key = readKey(keys.at(i), i, origin);
        if (!key)
            return key.error();
        profile.keys.append(std::move(key).value());
    }
    const QStringList expected = audienceColumns(profile.platform);
    if (profile.columns() != expected)
        return profileError(origin, QStringLiteral("its keys must be the %1 columns %2 in this order, not %3")
                                        .arg(audiencePlatformName(profile.platform),
                                             expected.join(QLatin1Char(',')),
                                             profile.columns().isEmpty() ? QStringLiteral("none")
                                                                         : profile.columns().join(QLatin1Char(','))));
    if (std::none_of(profile.keys.cbegin(), profile.keys.cend(), [](const RuleKey& k) { return k.identifies; }))
        return profileError(origin, QStringLiteral("no key \"identifies\" a person"));
    return profile;
}

Result<RuleProfile> RuleProfile::loadFile(const QString& path)
{
    QFile file(path);
    const QString origin = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly))
        return profileError(origin, QStringLiteral("it could not be read (%1)").arg(file.errorString()));
    return fromJson(file.readAll(), origin);
}

Result<RuleProfile> RuleProfile::load(AudiencePlatform platform)
{
    Result<RuleProfile> profile =
        loadFile(QStringLiteral(":/activation/%1.json").arg(audiencePlatformKey(platform)));
    if (profile && profile.value().platform != platform)
        return profileError(QStringLiteral("%1.json").arg(audiencePlatformKey(platform)),
                            QStringLiteral("it holds the rules of another platform"));
    return profile;
}

QStringList RuleProfile::columns() const
{
    QStringList out;
    for (const RuleKey& key : keys)
        out.append(key.column);
    return out;
}

QString RuleProfile::describe() const
{
    return QStringLiteral("%1 %2, checked %3").arg(name, version, checked.toString(Qt::ISODate));
}

} // namespace core
