#include "domain/customer_identifiers.h"

#include <QDate>
#include <QHash>
#include <QRegularExpression>

namespace core {

QList<CustomerIdentifiers> latestPerUser(const QList<CustomerIdentifiers>& rows)
{
    QHash<QString, qsizetype> placeOf;
    placeOf.reserve(rows.size());
    QList<CustomerIdentifiers> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        const auto it = placeOf.constFind(row.userId);
        if (it != placeOf.constEnd()) {
            out[it.value()] = row;
            continue;
        }
        placeOf.insert(row.userId, out.size());
        out.append(row);
    }
    return out;
}

int controlCharacterField(const CustomerIdentifiers& row)
{
    const QString* fields[] = {&row.userId, &row.email,  &row.phone,      &row.firstName, &row.lastName,
                               &row.city,   &row.region, &row.postalCode, &row.country,   &row.birthDate};
    for (int f = 0; f < 10; ++f) {
        for (const QChar c : *fields[f]) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return f;
        }
    }
    return -1;
}

Status checkIdentifierRows(const QList<CustomerIdentifiers>& rows)
{
    static const char* const kColumns[] = {"user_id", "email",  "phone",       "first_name", "last_name",
                                           "city",    "region", "postal_code", "country",    "birth_date"};
    static const QRegularExpression isoDate(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const CustomerIdentifiers& row = rows.at(i);
        if (const int field = controlCharacterField(row); field >= 0)
            return Error::validation(
                QStringLiteral("identifier_control_character"),
                QStringLiteral("Row %1 of the identifiers has a control character in its %2; nothing "
                               "was stored.")
                    .arg(i + 1)
                    .arg(QLatin1String(kColumns[field])));
        if (row.userId.trimmed().isEmpty())
            return Error::validation(
                QStringLiteral("identifier_user_id_missing"),
                QStringLiteral("Row %1 of the identifiers has no user_id; nothing was stored.").arg(i + 1));
        if (!row.birthDate.isEmpty() && (!isoDate.match(row.birthDate).hasMatch() ||
                                         !QDate::fromString(row.birthDate, Qt::ISODate).isValid()))
            return Error::validation(
                QStringLiteral("identifier_birth_date_invalid"),
                QStringLiteral("Row %1 of the identifiers (user_id %2) has the birth date %3, which "
                               "is not a date written YYYY-MM-DD; nothing was stored.")
                    .arg(i + 1)
                    .arg(row.userId, row.birthDate));
    }
    return success();
}

} // namespace core
