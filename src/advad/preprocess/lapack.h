// Declarations of the BLAS and LAPACK routines that PCA calls, in the
// Fortran calling convention of the reference implementation (OpenBLAS
// provides it). Matrices are column-major; each character argument is
// followed, after the others, by its hidden length.
#pragma once

#include <cstddef>

extern "C" {

// C := alpha A A^T + beta C (trans 'N'), C symmetric n x n, A n x k.
void dsyrk_(const char* uplo, const char* trans, const int* n, const int* k,
            const double* alpha, const double* a, const int* lda,
            const double* beta, double* c, const int* ldc,
            std::size_t uplo_length, std::size_t trans_length);

// C := alpha op(A) op(B) + beta C, C m x n.
void dgemm_(const char* transa, const char* transb, const int* m,
            const int* n, const int* k, const double* alpha, const double* a,
            const int* lda, const double* b, const int* ldb,
            const double* beta, double* c, const int* ldc,
            std::size_t transa_length, std::size_t transb_length);

// Eigenvalues (ascending, in w) and, with jobz 'V', orthonormal
// eigenvectors (columns of a) of a symmetric matrix, by divide and
// conquer. lwork = liwork = -1 queries the workspace sizes.
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a,
             const int* lda, double* w, double* work, const int* lwork,
             int* iwork, const int* liwork, int* info,
             std::size_t jobz_length, std::size_t uplo_length);

}  // extern "C"
