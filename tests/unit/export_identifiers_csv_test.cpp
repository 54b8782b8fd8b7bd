// IdentifiersCsv: what an identifiers file must look like, how its values come out, and which
// lines are refused and why (never with the personal data in the message).
#include <gtest/gtest.h>

#include <QDate>

#include "export/identifiers_csv.h"

namespace {

using core::CustomerIdentifiers;
using core::IdentifiersCsv;

const QByteArray kHeader = "user_id,email,phone,first_name,last_name,city,region,postal_code,country,birth_date\n";

IdentifiersCsv::Contents readOk(const QByteArray& bytes)
{
    auto read = IdentifiersCsv::read(bytes, QStringLiteral("people.csv"));
    EXPECT_TRUE(read) << read.error().toString().toStdString();
    return read ? read.value() : IdentifiersCsv::Contents{};
}

core::Error readError(const QByteArray& bytes)
{
    auto read = IdentifiersCsv::read(bytes, QStringLiteral("people.csv"));
    EXPECT_FALSE(read);
    return read ? core::Error{} : read.error();
}

TEST(IdentifiersCsv, ColumnsInAnyOrderAndCaseWithAByteOrderMarkAndCrlf)
{
    const auto contents = readOk("\xEF\xBB\xBF Birth_Date ,EMAIL, user_id ,Country\r\n"
                                 "1985-04-12, Ann.Lee@Example.com ,u1,US\r\n"
                                 ",,u2,\r\n");
    ASSERT_EQ(contents.rows.size(), 2);
    EXPECT_EQ(contents.rowsRead, 2);
    EXPECT_TRUE(contents.rejected.isEmpty());
    CustomerIdentifiers ann;
    ann.userId = QStringLiteral("u1");
    ann.email = QStringLiteral("Ann.Lee@Example.com"); // trimmed, otherwise as written
    ann.country = QStringLiteral("US");
    ann.birthDate = QStringLiteral("1985-04-12");
    EXPECT_EQ(contents.rows.at(0), ann);
    CustomerIdentifiers unknown;
    unknown.userId = QStringLiteral("u2");
    EXPECT_EQ(contents.rows.at(1), unknown) << "empty values are unknown";
}

TEST(IdentifiersCsv, EveryColumnLandsInItsField)
{
    const auto contents = readOk(kHeader + "u1,a@example.org,+44 7700 900123,Ann,Lee,London,GB-LND,SW1A 1AA,GB,1990-01-31\n");
    ASSERT_EQ(contents.rows.size(), 1);
    const CustomerIdentifiers expected{QStringLiteral("u1"),          QStringLiteral("a@example.org"),
                                       QStringLiteral("+44 7700 900123"), QStringLiteral("Ann"),
                                       QStringLiteral("Lee"),         QStringLiteral("London"),
                                       QStringLiteral("GB-LND"),      QStringLiteral("SW1A 1AA"),
                                       QStringLiteral("GB"),          QStringLiteral("1990-01-31")};
    EXPECT_EQ(contents.rows.first(), expected);
}

TEST(IdentifiersCsv, ALaterRowOfAUserReplacesTheEarlierOne)
{
    const auto contents = readOk("user_id,email,city\n"
                                 "u1,old@example.com,Leeds\n"
                                 "u2,bo@example.com,York\n"
                                 "u1,new@example.com,\n");
    ASSERT_EQ(contents.rows.size(), 2);
    EXPECT_EQ(contents.rowsRead, 3);
    EXPECT_EQ(contents.repeated, 1);
    EXPECT_EQ(contents.rows.at(0).userId, QStringLiteral("u1"));
    EXPECT_EQ(contents.rows.at(0).email, QStringLiteral("new@example.com"));
    EXPECT_TRUE(contents.rows.at(0).city.isEmpty()) << "the whole row is replaced, not merged";
    EXPECT_EQ(contents.rows.at(1).userId, QStringLiteral("u2"));
}

TEST(IdentifiersCsv, BadLinesAreReportedByLineWithoutThePersonalData)
{
    const auto contents = readOk("user_id,email,phone,first_name,birth_date\n"
                                 "u1,ann@example.com,+15555550101,Ann,1985-04-12\n"
                                 "u2,bo@example.com,+15555550102,Bo\n"                     // a field short
                                 ",cy@example.com,+15555550103,Cy,1970-01-01\n"            // no user_id
                                 "u4,di@example.com,+15555550104,Di,1985-13-40\n"          // not a date
                                 "u5,ed@example.com,+15555550105,Ed,ed@example.com\n"      // misplaced value
                                 "u6,fay@example.com,+15555550106,Fay,03/04/1985\n"        // order unknown
                                 "\"u7\",\"gus@example.com\",\"+1555\n5550107\",Gus,1999-12-31,extra\n"
                                 "u8,hal@example.com,+15555550108,Hal,1899-12-31\n"
                                 "u9,ivy@example.com,+15555550109,Ivy,2999-01-01\n"
                                 "u10,jo@example.com,+15555550110,Jo,19850412\n");
    ASSERT_EQ(contents.rows.size(), 2);
    EXPECT_EQ(contents.rows.at(0).userId, QStringLiteral("u1"));
    EXPECT_EQ(contents.rows.at(1).userId, QStringLiteral("u10"));
    EXPECT_EQ(contents.rows.at(1).birthDate, QStringLiteral("1985-04-12"));
    EXPECT_EQ(contents.rowsRead, 10);
    using R = core::IdentifiersImportReport::Rejected;
    const QList<R> expected{
        {3, QStringLiteral("4 fields where the header has 5")},
        {4, QStringLiteral("user_id is empty")},
        {5, QStringLiteral("birth_date 1985-13-40 is not a date")},
        {6, QStringLiteral("birth_date is not a date; write it YYYY-MM-DD")},
        {7, QStringLiteral("birth_date 03/04/1985 puts the year last, where countries differ on which of day and month "
                           "comes first; write it YYYY-MM-DD")},
        {8, QStringLiteral("6 fields where the header has 5")},
        {10, QStringLiteral("birth_date 1899-12-31 is before 1900")},
        {11, QStringLiteral("birth_date 2999-01-01 is in the future")},
    };
    EXPECT_EQ(contents.rejected, expected);
    for (const auto& r : contents.rejected) {
        for (const char* personal : {"@", "555", "Bo", "Cy", "Di", "Ed", "Fay"})
            EXPECT_FALSE(r.reason.contains(QLatin1String(personal))) << r.reason.toStdString();
    }
}

TEST(IdentifiersCsv, AValueWithAControlCharacterIsRejectedWithoutQuotingIt)
{
    QByteArray bytes = "user_id,email,first_name\n"
                       "u1,ann@example.com,Ann\tMarie\n"
                       "u2,\"bo@exam\nple.com\",Bo\n"
                       "u3,cy@example.com,Cy\n";
    bytes += QByteArray("u4,di@example.com,D\0i\n", 22);
    const auto contents = readOk(bytes);
    ASSERT_EQ(contents.rows.size(), 1);
    EXPECT_EQ(contents.rows.first().userId, QStringLiteral("u3"));
    using R = core::IdentifiersImportReport::Rejected;
    EXPECT_EQ(contents.rejected, (QList<R>{{2, QStringLiteral("first_name holds a control character")},
                                           {3, QStringLiteral("email holds a control character")},
                                           {6, QStringLiteral("first_name holds a control character")}}));
}

TEST(IdentifiersCsv, BirthDatesInCommonFormsComeOutAsIsoDates)
{
    const QDate today(2026, 6, 1);
    const QList<std::pair<QString, QString>> accepted{
        {QStringLiteral("1985-04-12"), QStringLiteral("1985-04-12")},
        {QStringLiteral("1985-4-2"), QStringLiteral("1985-04-02")},
        {QStringLiteral("1985/04/12"), QStringLiteral("1985-04-12")},
        {QStringLiteral("19850412"), QStringLiteral("1985-04-12")},
        {QStringLiteral("12.04.1985"), QStringLiteral("1985-04-12")},
        {QStringLiteral("1985-04-12T00:00:00"), QStringLiteral("1985-04-12")},
        {QStringLiteral("1985-04-12 00:00:00.000"), QStringLiteral("1985-04-12")},
        {QStringLiteral("2000-02-29"), QStringLiteral("2000-02-29")},
        {QStringLiteral("2026-06-01"), QStringLiteral("2026-06-01")},
    };
    for (const auto& [text, iso] : accepted) {
        auto r = IdentifiersCsv::normaliseBirthDate(text, today);
        ASSERT_TRUE(r) << text.toStdString() << ": " << r.error().toString().toStdString();
        EXPECT_EQ(r.value(), iso) << text.toStdString();
    }
    for (const QString& text : {QStringLiteral("1985-02-30"), QStringLiteral("1900-02-29"), QStringLiteral("2026-06-02"),
                                QStringLiteral("04/12/1985"), QStringLiteral("12-04-1985"), QStringLiteral("1985-04-12T13:30:00"),
                                QStringLiteral("April 12, 1985"), QStringLiteral("85-04-12"), QStringLiteral("1985")}) {
        auto r = IdentifiersCsv::normaliseBirthDate(text, today);
        EXPECT_FALSE(r) << text.toStdString() << " was read as " << (r ? r.value().toStdString() : "");
        if (!r) {
            EXPECT_EQ(r.error().kind, core::ErrorKind::Validation);
        }
    }
}

TEST(IdentifiersCsv, AFileWithoutUsableContentIsAnErrorThatSaysWhy)
{
    EXPECT_TRUE(readError("").userMessage.contains(QStringLiteral("empty"))) << readError("").userMessage.toStdString();
    EXPECT_TRUE(readError("\xEF\xBB\xBF").userMessage.contains(QStringLiteral("empty")));
    const auto headerOnly = readError(kHeader);
    EXPECT_TRUE(headerOnly.userMessage.contains(QStringLiteral("no rows"))) << headerOnly.userMessage.toStdString();
    const auto unknown = readError("user_id,e_mail\nu1,a@example.com\n");
    EXPECT_TRUE(unknown.userMessage.contains(QStringLiteral("column 2 of the header names an unknown column “e_mail”")))
        << unknown.userMessage.toStdString();
    EXPECT_TRUE(unknown.remediation.contains(QStringLiteral("postal_code"))) << unknown.remediation.toStdString();
    const auto twice = readError("user_id,Email,email\nu1,a,b\n");
    EXPECT_TRUE(twice.userMessage.contains(QStringLiteral("“email” twice"))) << twice.userMessage.toStdString();
    const auto noUser = readError("email,phone\na@example.com,1\n");
    EXPECT_TRUE(noUser.userMessage.contains(QStringLiteral("no user_id column"))) << noUser.userMessage.toStdString();
    const auto broken = readError(kHeader + "u1,\"a@example.com,,,,,,,,\n");
    EXPECT_TRUE(broken.userMessage.contains(QStringLiteral("Line 2"))) << broken.userMessage.toStdString();
    for (const auto& e : {unknown, twice, noUser, broken, headerOnly})
        EXPECT_EQ(e.kind, core::ErrorKind::Validation);
}

TEST(IdentifiersCsv, AFirstLineOfDataIsNoHeaderAndIsNotQuoted)
{
    const auto e = readError("u1,ann@example.com,+15555550101,Ann\nu2,bo@example.com,+15555550102,Bo\n");
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("no header"))) << e.userMessage.toStdString();
    for (const char* personal : {"ann@", "555", "Ann"})
        EXPECT_FALSE(e.userMessage.contains(QLatin1String(personal)) || e.remediation.contains(QLatin1String(personal)))
            << e.userMessage.toStdString();
}

TEST(IdentifiersCsv, AFileOfOnlyBadLinesIsUnusable)
{
    const auto e = readError("user_id,email\n,a@example.com\n,b@example.com\nu3\n,c@example.com\n,d@example.com\n");
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("none of its 5 rows"))) << e.userMessage.toStdString();
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("line 2: user_id is empty"))) << e.userMessage.toStdString();
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("line 4: 1 fields where the header has 2"))) << e.userMessage.toStdString();
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("2 more"))) << e.userMessage.toStdString();
    EXPECT_FALSE(e.userMessage.contains(QLatin1Char('@'))) << e.userMessage.toStdString();
}

} // namespace
