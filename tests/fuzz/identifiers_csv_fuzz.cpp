// Fuzz target: an identifiers CSV for an audience (IdentifiersCsv::read, `segctl identifiers
// import`). One row per user, rejected lines in file order with a one-line reason that never
// quotes an e-mail address; a refused file gets a one-line error.

#include "export/identifiers_csv.h"
#include "fuzz_checks.h"

#include <QSet>

using namespace fuzzsupport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = bytes(data, size);
    auto contents = core::IdentifiersCsv::read(input, QStringLiteral("identifiers.csv"));
    if (!contents) {
        checkClearError(contents.error());
        return 0;
    }
    QSet<QString> users;
    QStringList emails;
    for (const core::CustomerIdentifiers& row : contents.value().rows) {
        check(!row.userId.isEmpty(), "every row has a user_id");
        check(!users.contains(row.userId), "one row per user", row.userId);
        users.insert(row.userId);
        if (row.email.contains(QLatin1Char('@')) && row.email.size() >= 6 && !row.email.contains(row.userId))
            emails.append(row.email);
        if (!row.birthDate.isEmpty())
            check(QDate::fromString(row.birthDate, Qt::ISODate).isValid(), "birth dates come out as YYYY-MM-DD",
                  row.birthDate);
    }
    int lastLine = 0;
    for (const auto& rejected : contents.value().rejected) {
        checkOneLine(rejected.reason, "a rejected line's reason is one line");
        check(rejected.line > lastLine, "rejected lines come in file order");
        lastLine = rejected.line;
        for (const QString& email : emails)
            check(!rejected.reason.contains(email), "a reason never quotes an e-mail address");
    }
    check(contents.value().rowsRead >= contents.value().rows.size() + contents.value().rejected.size(),
          "every row and rejection was a record read");
    return 0;
}
