#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "svcadv/sys/files.h"
#include "temp_dir.h"

using namespace svcadv;
using test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("readTextFile reads a whole file, bytes as they are") {
    TempDir dir;
    std::string text = "line 1\r\nline 2\n";
    text += std::string(200000, 'x');  // more than one read buffer
    text += '\0';
    std::ofstream(dir.path / "f.yaml", std::ios::binary) << text;
    CHECK(readTextFile((dir.path / "f.yaml").string()) == text);
    std::ofstream(dir.path / "empty");
    CHECK(readTextFile((dir.path / "empty").string()).empty());
}

TEST_CASE("a file that cannot be read is an error naming it, with the code asked for") {
    TempDir dir;
    std::string missing = (dir.path / "none.yaml").string();
    try {
        readTextFile(missing);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        CHECK(std::string(e.what()) == missing + ": cannot open file: No such file or directory");
    }
    try {
        readTextFile(dir.path.string(), ExitCode::Other);  // a directory is no file to read
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Other);
        CHECK(std::string(e.what()) ==
              dir.path.string() +
                  ": cannot read a directory (give a regular file, or a pipe as '-')");
    }
}

TEST_CASE("readTextFileIfExists: nullopt only for a missing file") {
    TempDir dir;
    CHECK_FALSE(readTextFileIfExists((dir.path / "none").string()));
    std::ofstream(dir.path / "f") << "x";
    CHECK(readTextFileIfExists((dir.path / "f").string()) == "x");
    if (::geteuid() != 0) {  // root reads anything
        ::chmod((dir.path / "f").c_str(), 0);
        CHECK_THROWS_AS(readTextFileIfExists((dir.path / "f").string()), Error);
    }
}

TEST_CASE("displayName and isHiddenPath") {
    CHECK(displayName("-") == "<stdin>");
    CHECK(displayName("a/b.yaml") == "a/b.yaml");
    CHECK(isHiddenPath(".lock"));
    CHECK(isHiddenPath("/data/.git"));
    CHECK(isHiddenPath("dir/.resourceVersion"));
    CHECK_FALSE(isHiddenPath("dir/.hidden/file.yaml"));  // only the last component counts
    CHECK_FALSE(isHiddenPath("nodes/n1.yaml"));
    CHECK_FALSE(isHiddenPath("."));
    CHECK_FALSE(isHiddenPath(".."));
    CHECK_FALSE(isHiddenPath(""));
}

namespace {

// The message of reading `path`, or "" when it read.
std::string readFailure(const std::string& path) {
    try {
        readTextFile(path);
        return "";
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        return e.what();
    }
}

}  // namespace

TEST_CASE("a FIFO, a device or a directory named as a file is refused at once, not waited on") {
    TempDir dir;
    std::string fifo = (dir.path / "fifo").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Nobody writes to the FIFO: reading it would block forever.
    CHECK(readFailure(fifo) ==
          fifo + ": cannot read a FIFO (give a regular file, or a pipe as '-')");
    CHECK(readFailure("/dev/zero") ==
          "/dev/zero: cannot read a character device (give a regular file, or a pipe as '-')");
    CHECK(readFailure(dir.path.string()) == dir.path.string() +
                                                ": cannot read a directory (give a regular "
                                                "file, or a pipe as '-')");
    // A symlink to a regular file is a regular file.
    std::ofstream(dir.path / "real") << "x";
    fs::create_symlink(dir.path / "real", dir.path / "link");
    CHECK(readTextFile((dir.path / "link").string()) == "x");
}
