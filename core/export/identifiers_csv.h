#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/result.h"
#include "domain/customer_identifiers.h"

namespace core {

// Reads an identifiers CSV file for customer_identifiers: a header naming the columns user_id,
// email, phone, first_name, last_name, city, region, postal_code, country, birth_date in any
// order (case and surrounding spaces ignored; all but user_id optional), then one record per
// person. Values are trimmed; an empty one is unknown. A later record of a user replaces the
// earlier one. Birth dates come out as YYYY-MM-DD; YYYY-MM-DD (also with one-digit month or day,
// or a midnight time after it), YYYY/MM/DD, YYYYMMDD and DD.MM.YYYY are read, anything else
// (NN/NN/YYYY reads differently by country) is refused.
// Rejected by line number (the other records still count): a record whose field count differs
// from the header's, a control character in a value (a tab, a line break inside quotes), an empty
// user_id, a birth date that is not a date between 1900 and today.
// Reasons never quote an e-mail, phone or name: only dates that look like dates.
// Errors (nothing of the file is usable): an empty file, a header without records, a header with
// an unknown or repeated column or without user_id (a first line naming no column at all is said
// to be no header, without quoting it), malformed CSV (an unclosed quote, invalid UTF-8), and a
// file none of whose records can be used.
class IdentifiersCsv
{
public:
    struct Contents
    {
        QList<CustomerIdentifiers> rows;                   // one per user, the latest record's values
        qint64 rowsRead = 0;                               // records after the header
        qint64 repeated = 0;                               // records replaced by a later one of the same user
        QList<IdentifiersImportReport::Rejected> rejected; // by line, in file order
    };

    // The columns a header may name, user_id first.
    static const QStringList& columns();

    // `fileName` only names the file in error messages.
    static Result<Contents> read(const QByteArray& bytes, const QString& fileName);

    // A birth date as YYYY-MM-DD, or the reason it is refused ("... is not a date"). today:
    // the latest date accepted.
    static Result<QString> normaliseBirthDate(const QString& text, QDate today);
};

} // namespace core
