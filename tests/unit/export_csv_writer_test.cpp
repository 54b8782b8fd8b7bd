#include <chrono>

#include <gtest/gtest.h>

#include <QRandomGenerator>

#include "export/csv_reader.h"
#include "export/csv_writer.h"

namespace {

std::string row(const QStringList& fields, core::CsvWriter::Options options = {})
{
    core::CsvWriter w(options);
    w.writeRow(fields);
    return w.takeData().toStdString();
}

std::string cell(const QString& text)
{
    return row({text});
}

QString u(const char16_t* text)
{
    return QString::fromUtf16(text);
}

TEST(CsvWriter, PlainFieldsAreNotQuotedAndRecordsEndWithCrLf)
{
    core::CsvWriter w;
    w.writeRow({QStringLiteral("a"), QStringLiteral("b c"), QStringLiteral("d")});
    w.writeRow({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
    EXPECT_EQ(w.rowCount(), 2);
    EXPECT_EQ(w.takeData().toStdString(), "a,b c,d\r\n1,2,3\r\n");
}

TEST(CsvWriter, QuotesFieldsWithCommaQuoteCrOrLfAndDoublesQuotes)
{
    EXPECT_EQ(cell(QStringLiteral("a,b")), "\"a,b\"\r\n");
    EXPECT_EQ(cell(QStringLiteral("say \"hi\"")), "\"say \"\"hi\"\"\"\r\n");
    EXPECT_EQ(cell(QStringLiteral("\"")), "\"\"\"\"\r\n");
    EXPECT_EQ(cell(QStringLiteral("line1\nline2")), "\"line1\nline2\"\r\n");
    EXPECT_EQ(cell(QStringLiteral("line1\r\nline2")), "\"line1\r\nline2\"\r\n");
    EXPECT_EQ(cell(QStringLiteral("a\rb")), "\"a\rb\"\r\n");
    // Semicolons, apostrophes and SQL-looking text are data: unchanged, unquoted.
    EXPECT_EQ(cell(QStringLiteral("Robert'); DROP TABLE gold_segments;")),
              "Robert'); DROP TABLE gold_segments;\r\n");
}

TEST(CsvWriter, EmptyFieldsAndEmptyRecords)
{
    EXPECT_EQ(row({QString(), QString()}), ",\r\n");
    EXPECT_EQ(row({QStringLiteral("a"), QString(), QStringLiteral("b")}), "a,,b\r\n");
    // A single empty field must not become a blank line (readers skip those).
    EXPECT_EQ(row({QString()}), "\"\"\r\n");
    core::CsvWriter w;
    w.endRow();
    EXPECT_EQ(w.takeData().toStdString(), "\"\"\r\n");
}

TEST(CsvWriter, FormulaGuardPrefixesEveryDangerousLeadingCharacter)
{
    EXPECT_EQ(cell(QStringLiteral("=1+1")), "'=1+1\r\n");
    EXPECT_EQ(cell(QStringLiteral("+1")), "'+1\r\n");
    EXPECT_EQ(cell(QStringLiteral("-5")), "'-5\r\n"); // a text column: even numbers are guarded
    EXPECT_EQ(cell(QStringLiteral("@SUM(A1)")), "'@SUM(A1)\r\n");
    EXPECT_EQ(cell(QStringLiteral("\tcmd")), "'\tcmd\r\n");
    EXPECT_EQ(cell(QStringLiteral("\rcmd")), "\"'\rcmd\"\r\n"); // CR also forces quoting
    EXPECT_EQ(cell(u(u"\uFF1D1+1")), "'\xEF\xBC\x9D"
                                     "1+1\r\n"); // ＝
    EXPECT_EQ(cell(u(u"\uFF0B1")), "'\xEF\xBC\x8B"
                                   "1\r\n"); // ＋
    EXPECT_EQ(cell(u(u"\uFF0D1")), "'\xEF\xBC\x8D"
                                   "1\r\n");              // －
    EXPECT_EQ(cell(u(u"\uFF20x")), "'\xEF\xBC\xA0x\r\n"); // ＠
    // The classic payload: guarded and quoted because of its comma and quotes.
    EXPECT_EQ(cell(QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")")),
              "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n");
}

TEST(CsvWriter, FormulaGuardOnlyLooksAtTheFirstCharacterOfEachCell)
{
    EXPECT_EQ(row({QStringLiteral("a=b"), QStringLiteral("x-y"), QStringLiteral(" =1")}), "a=b,x-y, =1\r\n");
    EXPECT_EQ(row({QStringLiteral("ok"), QStringLiteral("=2")}), "ok,'=2\r\n");
}

TEST(CsvWriter, NumericColumnsKeepPlainNumbersButStillGuardFormulas)
{
    core::CsvWriter w;
    w.setColumnNumeric(1);
    w.writeRow({QStringLiteral("-5"), QStringLiteral("-5")});
    w.writeRow({QStringLiteral("x"), QStringLiteral("+1.5")});
    w.writeRow({QStringLiteral("x"), QStringLiteral("-2.5e-3")});
    w.writeRow({QStringLiteral("x"), QStringLiteral("-1+cmd|' /C calc'!A0")});
    w.writeRow({QStringLiteral("x"), QStringLiteral("=1")});
    w.writeRow({QStringLiteral("x"), QStringLiteral("-")});
    EXPECT_EQ(w.takeData().toStdString(), "'-5,-5\r\n"
                                          "x,+1.5\r\n"
                                          "x,-2.5e-3\r\n"
                                          "x,'-1+cmd|' /C calc'!A0\r\n"
                                          "x,'=1\r\n"
                                          "x,'-\r\n");
    EXPECT_TRUE(core::CsvWriter::isPlainNumber(u"-5"));
    EXPECT_TRUE(core::CsvWriter::isPlainNumber(u".5"));
    EXPECT_FALSE(core::CsvWriter::isPlainNumber(u"-"));
    EXPECT_FALSE(core::CsvWriter::isPlainNumber(u"1e"));
    EXPECT_FALSE(core::CsvWriter::isPlainNumber(u"--1"));
    EXPECT_FALSE(core::CsvWriter::isPlainNumber(u""));
}

TEST(CsvWriter, NumbersAreWrittenAsIs)
{
    core::CsvWriter w;
    w.addNumber(-42).addNumber(0).addNumber(std::numeric_limits<qint64>::max());
    w.endRow();
    EXPECT_EQ(w.takeData().toStdString(), "-42,0,9223372036854775807\r\n");
}

TEST(CsvWriter, GuardCanBeSwitchedOff)
{
    core::CsvWriter::Options o;
    o.formulaGuard = false;
    EXPECT_EQ(row({QStringLiteral("=1+1"), QStringLiteral("-5")}, o), "=1+1,-5\r\n");
}

TEST(CsvWriter, ByteOrderMarkOnlyWhenAsked)
{
    core::CsvWriter::Options o;
    o.byteOrderMark = true;
    EXPECT_EQ(row({QStringLiteral("a")}, o), "\xEF\xBB\xBF"
                                             "a\r\n");
    EXPECT_EQ(row({QStringLiteral("a")}), "a\r\n");
}

TEST(CsvWriter, EncodesUnicodeAsUtf8LikeQt)
{
    const QStringList fields{u(u"Zoë"), u(u"東京 ショッピング"), u(u"😀 emoji"), u(u"Ünïcödé, quoted"),
                             u(u"€ \u00A0nbsp")};
    core::CsvWriter::Options o;
    o.formulaGuard = false;
    core::CsvWriter w(o);
    w.writeRow(fields);
    QByteArray expected;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            expected += ',';
        const bool quote = fields.at(i).contains(QLatin1Char(','));
        expected += (quote ? "\"" : "") + fields.at(i).toUtf8() + (quote ? "\"" : "");
    }
    expected += "\r\n";
    EXPECT_EQ(w.takeData().toStdString(), expected.toStdString());
}

TEST(CsvWriter, LoneSurrogatesBecomeReplacementCharacters)
{
    QString broken = QStringLiteral("a");
    broken.append(QChar(0xD800));
    broken.append(QLatin1Char('b'));
    EXPECT_EQ(cell(broken), "a\xEF\xBF\xBD"
                            "b\r\n");
}

TEST(CsvWriter, TakeDataLeavesAnEmptyWriter)
{
    core::CsvWriter w;
    w.writeRow({QStringLiteral("a")});
    EXPECT_EQ(w.takeData().toStdString(), "a\r\n");
    EXPECT_TRUE(w.data().isEmpty());
    EXPECT_EQ(w.rowCount(), 0);
    w.writeRow({QStringLiteral("b"), QStringLiteral("c")});
    EXPECT_EQ(w.takeData().toStdString(), "b,c\r\n");
}

TEST(CsvWriter, LargeOutputGrowsTheBufferCorrectly)
{
    core::CsvWriter w;
    QByteArray expected;
    for (int i = 0; i < 20000; ++i) {
        const QString name = QStringLiteral("name %1 with \"quotes\", commas").arg(i);
        w.addNumber(i).addField(name);
        w.endRow();
        expected +=
            QByteArray::number(i) + ",\"name " + QByteArray::number(i) + " with \"\"quotes\"\", commas\"\r\n";
    }
    EXPECT_EQ(w.data().size(), expected.size());
    EXPECT_TRUE(w.takeData() == expected);
}

// Property: whatever the text, reading the written CSV gives it back (guard off).
TEST(CsvWriter, RoundTripsThroughTheReader)
{
    const char16_t alphabet[] = u"ab,\"\r\n ;'=+-@\t\u00E9\u6771\uFF1D";
    QRandomGenerator rng(12345);
    QList<QStringList> rows;
    core::CsvWriter::Options o;
    o.formulaGuard = false;
    core::CsvWriter w(o);
    for (int r = 0; r < 300; ++r) {
        QStringList fields;
        for (int f = 0; f < 4; ++f) {
            QString s;
            const int len = rng.bounded(8);
            for (int k = 0; k < len; ++k)
                s.append(QChar(alphabet[rng.bounded(int(std::size(alphabet) - 1))]));
            if (rng.bounded(10) == 0)
                s.append(QString::fromUtf16(u"😀"));
            fields.append(s);
        }
        rows.append(fields);
        w.writeRow(fields);
    }
    auto read = core::CsvReader::readAll(w.takeData());
    ASSERT_TRUE(read.ok()) << read.error().toString().toStdString();
    ASSERT_EQ(read.value().size(), rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        EXPECT_EQ(read.value().at(i), rows.at(i)) << "row " << i;
}

// Throughput figure for the closing notes, not a timed test: run with
//   --gtest_also_run_disabled_tests --gtest_filter=CsvWriter.DISABLED_Throughput
TEST(CsvWriter, DISABLED_Throughput)
{
    const QStringList names{QStringLiteral("Weekend Hikers"), QStringLiteral("Urban Cyclists EU"),
                            QStringLiteral("Players' \"Wishlist\"; Q4"), QStringLiteral("-5 lapsed")};
    constexpr int kRows = 2'000'000;
    const auto start = std::chrono::steady_clock::now();
    core::CsvWriter w;
    w.setColumnNumeric(0);
    for (int i = 0; i < kRows; ++i) {
        w.addNumber(i).addField(names.at(i & 3)).addField(u"active").addField(u"2026-01-31T12:00:00.000Z");
        w.endRow();
    }
    const QByteArray bytes = w.takeData();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("CsvWriter: %d rows (4 fields, %.1f MiB) in %.3f s = %.2f M rows/s\n", kRows,
                double(bytes.size()) / 1048576.0, seconds, kRows / seconds / 1e6);
    EXPECT_GT(bytes.size(), kRows * 30);
}

} // namespace
