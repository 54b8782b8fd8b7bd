#pragma once

#include <QList>
#include <QString>

#include "common/result.h"

namespace core {

// Who a user_id is: one row of the customer_identifiers table (a Unity Catalog table the data
// engineers fill on Databricks; `segctl identifiers import` loads one locally and on Lakebase).
// Plain personal data: it never leaves the workstation unhashed, never reaches a log or an error
// message (only counts and line numbers do). Empty = unknown. birthDate is as the file gave it,
// normalised to YYYY-MM-DD by the import.
struct CustomerIdentifiers
{
    QString userId; // required
    QString email;
    QString phone;
    QString firstName;
    QString lastName;
    QString city;
    QString region;
    QString postalCode;
    QString country; // ISO-3166-1 alpha-2 as given
    QString birthDate;

    bool operator==(const CustomerIdentifiers&) const = default;
};

// What an identifiers import did. Line numbers count from 1 with the header as line 1.
struct IdentifiersImportReport
{
    struct Rejected
    {
        int line = 0;
        QString reason; // "user_id is empty", "birth_date 1985-13-40 is not a date" never
                        // quotes a value other than user_id and dates
        bool operator==(const Rejected&) const = default;
    };
    qint64 rowsRead = 0;    // data lines read
    qint64 stored = 0;      // distinct users written (inserted or replaced)
    qint64 replaced = 0;    // of those, users that had a row before (a later row replaces it)
    QList<Rejected> rejected;
    bool operator==(const IdentifiersImportReport&) const = default;
};

// One row per user: a later row of a user replaces the earlier one (in the earlier one's place).
QList<CustomerIdentifiers> latestPerUser(const QList<CustomerIdentifiers>& rows);

// The column (0 user_id … 9 birth_date, CustomerIdentifiers' order) of the first field holding a
// control character (U+0000–U+001F, U+007F), -1 when none does.
int controlCharacterField(const CustomerIdentifiers& row);

// Whether rows can be stored: Validation, naming the row from 1, for a row with a control character
// in a field ("identifier_control_character"), with an empty user_id ("identifier_user_id_missing"),
// or with a birth date that is not a real date written YYYY-MM-DD ("identifier_birth_date_invalid").
// The messages quote no personal data other than the user_id and the date.
Status checkIdentifierRows(const QList<CustomerIdentifiers>& rows);

} // namespace core
