#include "svcadv/sys/padded_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include "temp_dir.h"

using namespace svcadv;
using test::TempDir;

namespace {

bool paddedWithZeros(const PaddedFile& file) {
    const char* end = file.text().data() + file.text().size();
    for (std::size_t i = 0; i < file.padding(); ++i) {
        if (end[i] != '\0') return false;
    }
    return true;
}

}  // namespace

TEST_CASE("a mapped file holds the file's bytes, followed by zero padding") {
    TempDir dir;
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    // Sizes that end a page exactly, just before one, and inside one: the padding crosses into
    // the next page in all but the last.
    for (std::size_t size : {page, page - 1, 2 * page + 100, std::size_t{1}}) {
        CAPTURE(size);
        std::string text(size, 'x');
        for (std::size_t i = 0; i < size; i += 7)
            text[i] = static_cast<char>('a' + i % 26);
        std::string path = dir.write("f.json", text);
        PaddedFile file = PaddedFile::open(path, 64);
        CHECK(file.text() == text);
        CHECK(file.padding() == 64);
        CHECK(paddedWithZeros(file));
        // Moving keeps the bytes where they are readable.
        PaddedFile moved = std::move(file);
        CHECK(moved.text() == text);
        CHECK(paddedWithZeros(moved));
    }
}

TEST_CASE("an empty file is padded too, and files move") {
    TempDir dir;
    PaddedFile empty = PaddedFile::open(dir.write("empty.json", ""), 64);
    CHECK(empty.text().empty());
    CHECK(paddedWithZeros(empty));
    // Move assignment releases what the target held and takes the other's bytes.
    PaddedFile small = PaddedFile::open(dir.write("s.json", "{}"), 3);
    PaddedFile first = std::move(small);
    PaddedFile second = PaddedFile::open(dir.write("t.json", "[1]"), 3);
    second = std::move(first);
    CHECK(second.text() == "{}");
    CHECK(paddedWithZeros(second));
}

TEST_CASE("a file that cannot be opened or read is readTextFile's error") {
    TempDir dir;
    std::string missing = (dir.path / "none.json").string();
    try {
        PaddedFile::open(missing, 64);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        CHECK(std::string(e.what()) == missing + ": cannot open file: No such file or directory");
    }
    try {
        PaddedFile::open(dir.path.string(), 64, ExitCode::Other);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Other);
        CHECK(std::string(e.what()) ==
              dir.path.string() +
                  ": cannot read a directory (give a regular file, or a pipe as '-')");
    }
    // A device named on the command line would never end (and /dev/zero would fill memory).
    try {
        PaddedFile::open("/dev/zero", 64);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        CHECK(std::string(e.what()).starts_with("/dev/zero: cannot read a character device"));
    }
}

TEST_CASE("released pages of a mapped file read the same again") {
    TempDir dir;
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::string text;
    for (std::size_t i = 0; i < 3 * page + 10; ++i)
        text += static_cast<char>('a' + i % 26);
    PaddedFile file = PaddedFile::open(dir.write("f.json", text), 64);
    file.releaseBefore(2 * page + 5);
    file.releaseBefore(text.size() * 2);  // past the end: the whole file
    CHECK(file.text() == text);
    CHECK(paddedWithZeros(file));
}
