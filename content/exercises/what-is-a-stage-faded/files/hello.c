#include <stdio.h>

int main(void) {
    puts("hello from a C program in the final stage");
    return 0;
}
