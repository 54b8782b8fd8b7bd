// The regression run of a fuzz target without libFuzzer (the normal gcc build, ctest): calls
// LLVMFuzzerTestOneInput once with every file of the corpus folders (or files) given, in name
// order. A broken check aborts, so ctest reports the failing input's name, printed first.

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv)
{
    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const QFileInfo given(QString::fromLocal8Bit(argv[i]));
        QStringList files;
        if (given.isDir()) {
            for (const QFileInfo& entry : QDir(given.filePath()).entryInfoList(QDir::Files, QDir::Name))
                files.append(entry.filePath());
        } else {
            files.append(given.filePath());
        }
        for (const QString& name : files) {
            QFile file(name);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(name));
                return 2;
            }
            const QByteArray bytes = file.readAll();
            std::fprintf(stderr, "%s\n", qPrintable(name));
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.constData()),
                                   static_cast<size_t>(bytes.size()));
            ++inputs;
        }
    }
    if (inputs == 0) {
        std::fprintf(stderr, "no corpus input found\n");
        return 2;
    }
    std::printf("%d inputs ran\n", inputs);
    return 0;
}
