// svcadv-gen-man DIR: writes the man pages of the current command tree into DIR (make man).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "manpage.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: svcadv-gen-man DIR\n";
        return 2;
    }
    auto cli = svcadv::cmd::buildCli(svcadv::cmd::standardStreams());
    std::filesystem::create_directories(argv[1]);
    for (const auto& [name, text] : svcadv::cmd::manPages(*cli->app)) {
        std::ofstream out(std::filesystem::path(argv[1]) / name, std::ios::binary);
        out << text;
        if (!out) {
            std::cerr << "svcadv-gen-man: cannot write " << name << "\n";
            return 1;
        }
    }
    return 0;
}
