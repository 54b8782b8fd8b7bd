// Fuzz target: what the Databricks SQL Statement Execution API answers — a statement response,
// a result chunk (StatementResponseParser::parse) or an external link's rows (parseRows, through
// the fast JsonArrayRows reader). Rows the fast reader accepts agree with QJsonDocument's reading
// of the same text when that is an array of rows of strings and nulls; refused bodies get a
// one-line error.

#include "databricks/statement/json_array_rows.h"
#include "databricks/statement/statement_response.h"
#include "fuzz_checks.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace fuzzsupport;

namespace {

// The rows of `document` when it is an array of arrays of strings and nulls; nullopt otherwise.
std::optional<QList<QList<QVariant>>> plainRows(const QJsonDocument& document)
{
    if (!document.isArray())
        return std::nullopt;
    QList<QList<QVariant>> rows;
    for (const QJsonValue& row : document.array()) {
        if (!row.isArray())
            return std::nullopt;
        QList<QVariant> values;
        for (const QJsonValue& value : row.toArray()) {
            if (value.isString())
                values.append(value.toString());
            else if (value.isNull())
                values.append(QVariant());
            else
                return std::nullopt;
        }
        rows.append(values);
    }
    return rows;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = bytes(data, size);
    const QString what = QStringLiteral("the statement");

    auto response = core::StatementResponseParser::parse(input, what);
    if (response) {
        if (response.value().state == QLatin1String("FAILED"))
            checkClearError(response.value().failure);
    } else {
        checkClearError(response.error());
    }

    auto rows = core::StatementResponseParser::parseRows(input, what);
    if (!rows)
        checkClearError(rows.error());

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(input, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        if (auto expected = plainRows(document)) {
            check(bool(rows), "the fast reader accepts every valid array of rows",
                  rows ? QString() : rows.error().toString());
            check(rows.value().size() == expected->size(), "the fast reader reads as many rows");
            for (qsizetype i = 0; i < expected->size(); ++i) {
                check(rows.value()[i].size() == (*expected)[i].size(), "a row has as many values");
                for (qsizetype j = 0; j < (*expected)[i].size(); ++j) {
                    const QVariant& a = rows.value()[i][j];
                    const QVariant& b = (*expected)[i][j];
                    check(a.isNull() == b.isNull() && a.toString() == b.toString(),
                          "the fast reader reads each value as QJsonDocument does", b.toString());
                }
            }
        }
    }
    return 0;
}
