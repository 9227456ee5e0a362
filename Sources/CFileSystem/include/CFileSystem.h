#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/// Opens `path` relative to the folder `dirfd` without following any symbolic link and without leaving
/// that folder (Linux `openat2` with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, kernel 5.6 or later).
/// Returns -1 with errno ENOSYS where the kernel or the platform lacks it. Swift cannot call the
/// variadic `syscall(2)` itself, hence this function (docs/safety.md, "Rebuilding over the previous output").
int cfs_open_beneath(int dirfd, const char *path, int flags);

/// What `fstat` (or, with `path`, `fstatat` without following a link) says of a file, in fixed-width
/// fields: Swift sees `struct stat` only through whichever module first included the C header.
typedef struct {
    unsigned int mode;
    unsigned long long links;
    unsigned int owner;
    long long size;
    unsigned long long device;
    unsigned long long inode;
    /// The last change of the file's bytes or attributes (`st_ctim`), which no user can set back.
    long long changed_seconds;
    long long changed_nanoseconds;
} cfs_file_info;

/// 0 and `info` filled, or -1 with errno.
int cfs_info(int fd, const char *path, cfs_file_info *info);

/// `cfs_info` of what `path` names after following symbolic links (`stat`): one system call where asking
/// whether a path exists, whether it is a folder and its size took four.
int cfs_stat(const char *path, cfs_file_info *info);

#endif
