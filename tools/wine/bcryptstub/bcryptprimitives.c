/*
 * bcryptprimitives.c: a stand-in bcryptprimitives.dll for the wine check.
 *
 * Every Go >= 1.22 Windows binary loads bcryptprimitives.dll from system32
 * at start and calls its ProcessPrng for random bytes. Debian's wine 8.0 has
 * no such DLL, so the binary dies with "bcryptprimitives.dll not found".
 * This stub exports ProcessPrng on top of BCryptGenRandom with the system
 * preferred RNG, which wine does implement. Test tooling only: it is copied
 * into a throwaway WINEPREFIX by scripts/wine-check.sh and never shipped.
 */
#include <windows.h>
#include <bcrypt.h>

/* ProcessPrng fills data with cb random bytes; it returns TRUE on success. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T cb)
{
	while (cb > 0) {
		/* BCryptGenRandom takes a ULONG length: fill in chunks. */
		ULONG n = cb > 0x40000000 ? 0x40000000 : (ULONG)cb;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		cb -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
