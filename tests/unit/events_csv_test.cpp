// EventsCsv: what an events file must look like for bronze, and what happens to records that
// cannot be placed.
#include <gtest/gtest.h>

#include "export/events_csv.h"

namespace {

const QByteArray kHeader =
    "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,device,"
    "interests,event_type,cost_micros\n";

QList<core::BronzeRecord> readAll(core::EventsCsv& csv)
{
    QList<core::BronzeRecord> out;
    core::BronzeRecord r;
    while (true) {
        auto more = csv.next(r);
        EXPECT_TRUE(more) << more.error().toString().toStdString();
        if (!more || !more.value())
            return out;
        out.append(r);
    }
}

TEST(EventsCsv, ColumnsInAnyOrderAndCaseComeOutInBronzeOrder)
{
    core::EventsCsv csv(
        " COST_MICROS ,Event_Type,interests,device,region,country,gender,age,user_id,campaign_id,"
        "advertiser_id,event_time,event_id\r\n"
        "5,click,a|b,mobile,,US,f,30,u1,c1,adv,2026-03-01T00:00:00Z,ev-1\r\n",
        QStringLiteral("f.csv"));
    ASSERT_TRUE(csv.readHeader());
    const auto records = readAll(csv);
    ASSERT_EQ(records.size(), 1);
    EXPECT_EQ(records.first().line, 2);
    EXPECT_EQ(
        records.first().values,
        (QStringList{QStringLiteral("ev-1"), QStringLiteral("2026-03-01T00:00:00Z"), QStringLiteral("adv"),
                     QStringLiteral("c1"), QStringLiteral("u1"), QStringLiteral("30"), QStringLiteral("f"),
                     QStringLiteral("US"), QString(), QStringLiteral("mobile"), QStringLiteral("a|b"),
                     QStringLiteral("click"), QStringLiteral("5")}));
}

TEST(EventsCsv, RecordsWithTheWrongFieldCountAreRejectedByLineAndTheRestRead)
{
    core::EventsCsv csv(kHeader + "ev-1,t,a,c,u,30,f,US,,mobile,,impression,1\n"
                                  "ev-2,t,a,c,u,30,f,US,,mobile,,impression\n"
                                  "\n"
                                  "\"ev-3\",\"t\nwith a break\",a,c,u,30,f,US,,mobile,,impression,1\n"
                                  "ev-4,t,a,c,u,30,f,US,,mobile,,impression,1,extra\n"
                                  "ev-5,t,a,c,u,30,f,US,,mobile,,impression,1\n",
                        QStringLiteral("f.csv"));
    ASSERT_TRUE(csv.readHeader());
    const auto records = readAll(csv);
    ASSERT_EQ(records.size(), 3);
    EXPECT_EQ(records.at(0).line, 2);
    EXPECT_EQ(records.at(1).line, 5) << "a record's line is where it starts";
    EXPECT_EQ(records.at(1).values.at(1), QStringLiteral("t\nwith a break"));
    EXPECT_EQ(records.at(2).line, 8);
    EXPECT_EQ(csv.rowsRead(), 5);
    EXPECT_EQ(csv.rejected(),
              (QList<core::RejectedLine>{{3, QStringLiteral("12 fields where the header has 13")},
                                         {7, QStringLiteral("14 fields where the header has 13")}}));
}

TEST(EventsCsv, HeaderProblemsAreErrorsNamingTheColumn)
{
    struct Case
    {
        QByteArray bytes;
        QString mentions;
    };
    const QList<Case> cases{
        {"", QStringLiteral("empty")},
        {"event_id,event_time,colour\n", QStringLiteral("“colour”")},
        {"event_id,event_id,event_time\n", QStringLiteral("twice")},
        {QByteArray(kHeader).replace(",cost_micros", ""), QStringLiteral("cost_micros")},
        {"event_id,\"event_time\n", QStringLiteral("Line 1")},
    };
    for (const auto& c : cases) {
        core::EventsCsv csv(c.bytes, QStringLiteral("feed.csv"));
        auto header = csv.readHeader();
        ASSERT_FALSE(header) << c.bytes.toStdString();
        EXPECT_EQ(header.error().kind, core::ErrorKind::Validation);
        EXPECT_TRUE(header.error().userMessage.startsWith(QStringLiteral("feed.csv: ")));
        EXPECT_TRUE(header.error().userMessage.contains(c.mentions))
            << header.error().userMessage.toStdString();
        EXPECT_FALSE(header.error().remediation.isEmpty());
    }
}

TEST(EventsCsv, MalformedCsvInTheBodyIsAnErrorWithItsLine)
{
    core::EventsCsv csv(kHeader + "ev-1,t,a,c,u,30,f,US,,mobile,,impression,1\n"
                                  "ev-2,t,a,c,u,30,f,US,,mobile,\"open,impression,1\n",
                        QStringLiteral("f.csv"));
    ASSERT_TRUE(csv.readHeader());
    core::BronzeRecord r;
    ASSERT_TRUE(csv.next(r));
    auto broken = csv.next(r);
    ASSERT_FALSE(broken);
    EXPECT_TRUE(broken.error().userMessage.contains(QStringLiteral("Line 3")))
        << broken.error().userMessage.toStdString();
}

} // namespace
