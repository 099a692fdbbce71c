// hello_cpp.cpp: the header used from C++ (extern "C" guards come with it).
#include <cstdio>
#include <string>

#include "nanoclust.h"

int main() {
    const std::string ok = nanoclust_status_message(NANOCLUST_OK);
    const std::string unknown = nanoclust_status_message(-7);
    std::printf("C++: NANOCLUST_OK means \"%s\"; code -7 means \"%s\"\n", ok.c_str(), unknown.c_str());
    return (ok.empty() || ok == unknown) ? 1 : 0;
}
