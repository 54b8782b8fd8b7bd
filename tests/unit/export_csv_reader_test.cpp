#include <gtest/gtest.h>

#include "export/csv_reader.h"

namespace {

QList<QStringList> readOk(const QByteArray& bytes, core::CsvReader::Options options = {})
{
    auto r = core::CsvReader::readAll(bytes, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().toString().toStdString());
    return r.ok() ? r.value() : QList<QStringList>{};
}

std::string readError(const QByteArray& bytes, core::CsvReader::Options options = {})
{
    auto r = core::CsvReader::readAll(bytes, options);
    EXPECT_FALSE(r.ok()) << "expected a parse error";
    if (r.ok())
        return {};
    EXPECT_EQ(r.error().kind, core::ErrorKind::Parse);
    EXPECT_EQ(r.error().code.toStdString(), "csv_malformed");
    return r.error().userMessage.toStdString();
}

QStringList fields(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* i : items)
        out.append(QString::fromUtf8(i));
    return out;
}

TEST(CsvReader, ReadsCrLfAndLfRecords)
{
    const auto rows = readOk("a,b\r\nc,d\ne,f");
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows[0], fields({"a", "b"}));
    EXPECT_EQ(rows[1], fields({"c", "d"}));
    EXPECT_EQ(rows[2], fields({"e", "f"}));
}

TEST(CsvReader, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks)
{
    const auto rows = readOk("\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\r\nx,\"\",z\r\n");
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0], fields({"a,b", "say \"hi\"", "line1\r\nline2"}));
    EXPECT_EQ(rows[1], fields({"x", "", "z"}));
}

TEST(CsvReader, SkipsByteOrderMarkAndBlankLinesButKeepsQuotedEmptyRecord)
{
    core::CsvReader::Options o;
    o.requireUniformFieldCount = false;
    const auto rows = readOk("\xEF\xBB\xBFh1,h2\r\n\r\n\"\"\r\na,\r\n", o);
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows[0], fields({"h1", "h2"}));
    EXPECT_EQ(rows[1], fields({""}));
    EXPECT_EQ(rows[2], fields({"a", ""}));
}

TEST(CsvReader, DecodesUtf8)
{
    const auto rows = readOk("Zo\xC3\xAB,\xE6\x9D\xB1\xE4\xBA\xAC,\xF0\x9F\x98\x80\r\n");
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0], QStringList({QString::fromUtf16(u"Zoë"), QString::fromUtf16(u"東京"),
                                    QString::fromUtf16(u"😀")}));
}

TEST(CsvReader, UnclosedQuoteNamesWhereTheFieldStarts)
{
    EXPECT_EQ(readError("a,b\r\nc,\"open\r\nmore"), "Line 2, column 3: a quoted field is not closed: the "
                                                    "closing \" is missing before the end of the file.");
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError)
{
    const std::string message = readError("a,b\r\n\"x\"y,z\r\n");
    EXPECT_EQ(message.rfind("Line 2, column 4:", 0), 0u) << message;
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsAnError)
{
    const std::string message = readError("name,size\r\nab\"c,1\r\n");
    EXPECT_EQ(message.rfind("Line 2, column 3:", 0), 0u) << message;
}

TEST(CsvReader, ColumnsCountCharactersNotBytesAndLinesCountBreaksInsideQuotes)
{
    // Line 1 holds a field spanning two lines; the error is on line 3, after "é😀" (2 characters).
    const std::string message = readError("\"multi\nline\",b\r\n\xC3\xA9\xF0\x9F\x98\x80\"x,y\r\n");
    EXPECT_EQ(message.rfind("Line 3, column 3:", 0), 0u) << message;
}

TEST(CsvReader, UnevenRecordsAreReportedWithTheirLine)
{
    const std::string message = readError("a,b,c\r\n1,2,3\r\n4,5\r\n");
    EXPECT_EQ(message, "Line 3, column 1: this record has 2 fields, but the first one has 3.");
    core::CsvReader::Options lenient;
    lenient.requireUniformFieldCount = false;
    EXPECT_EQ(readOk("a,b,c\r\n4,5\r\n", lenient).size(), 2);
}

TEST(CsvReader, InvalidUtf8IsReportedWithLineAndColumn)
{
    const std::string message = readError("a,b\r\nok,\xC3(\r\n");
    EXPECT_EQ(message.rfind("Line 2, column 4:", 0), 0u) << message;
    EXPECT_NE(message.find("UTF-8"), std::string::npos);
}

TEST(CsvReader, ReportsRecordLineAndFieldPositions)
{
    core::CsvReader reader("h1,h2\r\n\"two\nlines\",x\r\nlast,\"y\"\r\n");
    QStringList f;
    ASSERT_TRUE(reader.readRecord(f).value());
    ASSERT_TRUE(reader.readRecord(f).value());
    EXPECT_EQ(reader.recordLine(), 2);
    EXPECT_EQ(reader.fieldPosition(0), (core::CsvReader::Position{2, 1}));
    EXPECT_EQ(reader.fieldPosition(1), (core::CsvReader::Position{3, 8}));
    ASSERT_TRUE(reader.readRecord(f).value());
    EXPECT_EQ(reader.recordLine(), 4);
    EXPECT_EQ(reader.fieldPosition(1), (core::CsvReader::Position{4, 6}));
    auto end = reader.readRecord(f);
    ASSERT_TRUE(end.ok());
    EXPECT_FALSE(end.value());
}

TEST(CsvReader, ErrorIsSticky)
{
    core::CsvReader reader("a\r\n\"b\r\n");
    QStringList f;
    ASSERT_TRUE(reader.readRecord(f).value());
    EXPECT_FALSE(reader.readRecord(f).ok());
    EXPECT_FALSE(reader.readRecord(f).ok());
}

TEST(CsvReader, EmptyInputHasNoRecords)
{
    EXPECT_TRUE(readOk("").isEmpty());
}

TEST(CsvReader, TrailingCommaGivesAnEmptyLastField)
{
    const auto rows = readOk("a,\r\nb,");
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[1], fields({"b", ""}));
}

} // namespace
