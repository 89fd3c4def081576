/* Build-time tool: turns a text file into a C string so the binary carries it.
 * Usage: embed INPUT OUTPUT SYMBOL. Written in C so the build needs no xxd or python. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: embed INPUT OUTPUT SYMBOL\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	FILE *out = fopen(argv[2], "wb");
	if (!in || !out) {
		perror("embed");
		return 1;
	}
	fprintf(out, "/* generated from %s: do not edit */\n", argv[1]);
	fprintf(out, "extern const char %s[];\nconst char %s[] = {\n", argv[3], argv[3]);
	int c, n = 0;
	while ((c = fgetc(in)) != EOF)
		fprintf(out, "%d,%s", c > 127 ? c - 256 : c, ++n % 20 ? "" : "\n");
	fprintf(out, "0};\n");
	int bad = ferror(in) || fclose(in) != 0;
	bad |= fclose(out) != 0;
	return bad;
}
