// Fuzz target: an events CSV for File ▸ Import Events / `segctl events import` (EventsCsv).
// Every loaded record has the 13 bronze columns; rejected lines come in file order with a
// one-line reason; a refused file gets a one-line error.

#include "export/events_csv.h"
#include "fuzz_checks.h"

using namespace fuzzsupport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    core::EventsCsv csv(bytes(data, size), QStringLiteral("events.csv"));
    const core::Status header = csv.readHeader();
    if (!header) {
        checkClearError(header.error());
        return 0;
    }
    core::BronzeRecord record;
    qint64 loaded = 0;
    int lastLine = 0;
    while (true) {
        auto more = csv.next(record);
        if (!more) {
            checkClearError(more.error());
            break;
        }
        if (!more.value())
            break;
        ++loaded;
        check(record.values.size() == core::EventsCsv::columns().size(), "a record has every bronze column");
        check(record.line > lastLine, "records come in line order");
        lastLine = record.line;
    }
    int lastRejected = 0;
    for (const core::RejectedLine& rejected : csv.rejected()) {
        checkOneLine(rejected.reason, "a rejected line's reason is one line");
        check(rejected.line > lastRejected, "rejected lines come in file order");
        lastRejected = rejected.line;
    }
    check(csv.rowsRead() >= loaded, "rows read counts every loaded record");
    return 0;
}
